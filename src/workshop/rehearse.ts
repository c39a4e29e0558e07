// `workshop check`: a dress rehearsal. Every lab of the workshop runs on the cluster the class
// will use, each in its own namespace, labs marked `parallel: false` alone after the others, so
// the instructor learns before class which labs this cluster cannot run, and why.

import type { Cluster } from '../cluster/port.js';
import { autoWithinFor } from '../expect/auto-within.js';
import type { Clock } from '../runner/clock.js';
import type { LabResult, RunEvent } from '../runner/events.js';
import { runLab } from '../runner/run-lab.js';
import { runPool } from '../runner/run-labs.js';
import type { LoadedWorkshop, WorkshopEntry } from './load.js';

export interface RehearsalOptions {
  /** Labs at once; default spec.parallel. */
  parallel?: number;
  keep?: boolean;
}

export interface RehearsalDeps {
  cluster: Cluster;
  /** The clock a lab's run reads: the system clock, or a recording's in tests. */
  clockFor(entry: WorkshopEntry): Clock;
  signal: AbortSignal;
  onEvent?(lab: string, event: RunEvent): void;
}

/** The results of the labs that ran, in the workshop's order (skipped labs have none). */
export async function rehearse(workshop: LoadedWorkshop, options: RehearsalOptions, deps: RehearsalDeps): Promise<LabResult[]> {
  const active = workshop.entries.filter((entry) => entry.skip === undefined);
  const byLab = new Map(active.map((entry) => [entry.loaded, entry]));
  const run = (loaded: WorkshopEntry['loaded']) => {
    const entry = byLab.get(loaded)!;
    const name = loaded.lab.metadata.name;
    return runLab({
      cluster: deps.cluster,
      loaded,
      clock: deps.clockFor(entry),
      autoWithin: autoWithinFor(loaded),
      signal: deps.signal,
      keep: options.keep,
      timeoutMs: entry.timeoutMs,
      onEvent: deps.onEvent ? (event) => deps.onEvent!(name, event) : undefined,
    });
  };
  const together = active.filter((entry) => entry.parallel).map((entry) => entry.loaded);
  const alone = active.filter((entry) => !entry.parallel).map((entry) => entry.loaded);
  const results = [
    ...(await runPool(together, options.parallel ?? workshop.workshop.spec.parallel, run, deps.signal)),
    ...(await runPool(alone, 1, run, deps.signal)),
  ];
  const order = new Map(workshop.entries.map((entry, index) => [entry.loaded.lab.metadata.name, index]));
  return results.sort((a, b) => order.get(a.lab)! - order.get(b.lab)!);
}
