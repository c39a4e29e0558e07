// `probelab watch` at the command layer, against a test double of the Cluster port (not a
// Kubernetes API): its watch() delivers the observations of the readiness-exec recording made on
// a real cluster, the part before the first recorded action as the initial lists, the rest when
// the test says so.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Cluster, WatchHandle, WatchOptions } from '../../src/cluster/port.js';
import { defaultNamespace, watchCluster } from '../../src/commands/watch.js';
import type { Observation } from '../../src/model/observation.js';
import type { Recording } from '../../src/recording/format.js';
import { readFixture } from '../support/fixtures.js';
import { fakeTerminal } from '../ui/fake-terminal.js';
import { captureIo } from './io.js';

/** Test double of the Cluster port: only watch() and logs() are used by `probelab watch`. */
class RecordedWatchCluster implements Cluster {
  readonly connection = { context: 'kind-test', server: 'https://127.0.0.1:6443', serverVersion: 'v1.32.13' };
  watched: Pick<WatchOptions, 'namespace' | 'labelSelector'> | undefined;
  stopped = false;
  readonly #initial: Observation[];
  readonly #later: Observation[];
  #options: WatchOptions | undefined;

  constructor(recording: Recording) {
    const firstAction = recording.observations.findIndex((o) => o.kind === 'action');
    const watch = (list: Observation[]) => list.filter((o) => o.kind === 'watch');
    this.#initial = watch(recording.observations.slice(0, firstAction));
    this.#later = watch(recording.observations.slice(firstAction));
  }

  async watch(options: WatchOptions): Promise<WatchHandle> {
    this.#options = options;
    this.watched = { namespace: options.namespace, labelSelector: options.labelSelector };
    for (const resource of ['pods', 'endpointslices', 'events']) options.onHealth?.({ state: 'connected', resource, since: 0 });
    for (const observation of this.#initial) options.onObservation(observation);
    return { stop: async () => void (this.stopped = true) };
  }

  /** The watch's health as the real watch reports it (state changes, one per reconnect attempt). */
  health(...reports: Parameters<NonNullable<WatchOptions['onHealth']>>[0][]): void {
    for (const report of reports) this.#options!.onHealth?.(report);
  }

  /** What the watch sees after it started. */
  deliverTheRest(): void {
    for (const observation of this.#later) this.#options!.onObservation(observation);
  }

  async logs(namespace: string, pod: string): Promise<string> {
    return `log of ${pod} in ${namespace}\n`;
  }

  createLabNamespace = unused;
  apply = unused;
  exec = unused;
  signal = unused;
  setPodCondition = unused;
  patchPodStatus = unused;
  deleteObject = unused;
  scale = unused;
  listPods = unused;
  getObject = unused;
  listObjects = unused;
  deleteNamespace = unused;
  deleteApplied = unused;
}

/** A pod the filter hides: its row in the pods pane (the endpoints pane still names it). */
const ZF474_ROW = /^ {2}readiness-deployment-774f8b876f-zf474\s+1\/1/m;

/** The last frame ink drew: what follows its last "erase lines and go up" before the frame's title. */
function lastFrame(written: string): string {
  return written.slice(written.lastIndexOf('probelab  watch'));
}

async function unused(): Promise<never> {
  throw new Error('probelab watch only reads: this call should not happen');
}

let recording: Recording;
beforeAll(async () => {
  recording = await readFixture('readiness-exec');
});

describe('probelab watch', () => {
  it('prints the transitions as lines outside a terminal until stopped, then exits 130', async () => {
    const cluster = new RecordedWatchCluster(recording);
    const io = captureIo();
    const controller = new AbortController();
    const done = watchCluster({ cluster, namespace: 'rec-readiness-exec', labelSelector: 'app=readiness', io, signal: controller.signal, now: () => Date.parse(recording.header.startedAt) });
    await vi.waitFor(() => expect(cluster.watched).toEqual({ namespace: 'rec-readiness-exec', labelSelector: 'app=readiness' }));
    expect(io.stdout[0]).toBe('watching namespace rec-readiness-exec -l app=readiness on context kind-test (https://127.0.0.1:6443); Ctrl-C stops');
    expect(io.stdout).toContainEqual(expect.stringMatching(/^\+0\.1s pod readiness-deployment-774f8b876f-hqx8x added \(Pending\)$/));
    expect(io.stdout.some((line) => line.endsWith('READY 1/1 → 0/1'))).toBe(false);

    cluster.deliverTheRest();
    expect(io.stdout).toContainEqual(expect.stringMatching(/^\+\d+\.\ds pod readiness-deployment-774f8b876f-hqx8x READY 1\/1 → 0\/1$/));
    expect(io.stdout).toContainEqual(expect.stringMatching(/endpoints readiness-svc: readiness-deployment-774f8b876f-hqx8x ready → notReady$/));
    expect(cluster.stopped).toBe(false);

    controller.abort();
    expect(await done).toBe(130);
    expect(cluster.stopped).toBe(true);
  });

  it('says a cut watch once when it is lost and once when it is back, whatever the reconnect attempts in between', async () => {
    const cluster = new RecordedWatchCluster(recording);
    const io = captureIo();
    const controller = new AbortController();
    const start = Date.parse(recording.header.startedAt);
    let clock = start;
    const done = watchCluster({ cluster, namespace: 'rec-readiness-exec', io, signal: controller.signal, now: () => clock });
    await vi.waitFor(() => expect(cluster.watched).toBeDefined());
    const refused = { state: 'reconnecting', resource: 'pods', since: start + 30_100, reason: 'connection refused (ECONNREFUSED)', resourceVersion: '4711' } as const;
    clock = start + 30_100;
    cluster.health({ ...refused, attempt: 1 });
    clock = start + 31_000;
    cluster.health({ ...refused, attempt: 2 }, { ...refused, attempt: 3 });
    clock = start + 34_600;
    cluster.health({ state: 'connected', resource: 'pods', since: clock });
    expect(io.stdout.filter((line) => line.includes('watch pods'))).toEqual([
      '+30.1s watch pods lost: connection refused (ECONNREFUSED); resuming from resourceVersion 4711',
      '+34.6s watch pods resumed after 4.5s (from resourceVersion 4711: nothing missed)',
    ]);
    controller.abort();
    expect(await done).toBe(130);
  });

  it('shows the live panes in a terminal without a steps pane, asks the cluster for logs on l, and leaves on q', async () => {
    const cluster = new RecordedWatchCluster(recording);
    const io = captureIo({ isTTY: true, env: { NO_COLOR: '1' } });
    const screen = fakeTerminal(120, 40);
    const done = watchCluster({ cluster, namespace: 'rec-readiness-exec', io, signal: new AbortController().signal, terminal: screen.terminal });
    await vi.waitFor(() => expect(screen.written()).toMatch(/readiness-deployment-774f8b876f-hqx8x\s+1\/1\s+Running/));
    const first = screen.written();
    expect(first).toContain('probelab  watch · namespace rec-readiness-exec');
    expect(first).toMatch(/ctx kind-test .*ns rec-readiness-exec/);
    expect(first).toContain('watch ok');
    expect(first).toContain('readiness  exec [cat /tmp/healthy] delay=5s timeout=1s period=3s #success=1 #failure=3');
    expect(first).not.toContain('Steps');

    cluster.deliverTheRest();
    await vi.waitFor(() => expect(screen.written()).toContain('Readiness probe failed'));

    screen.type('l');
    await vi.waitFor(() => expect(screen.written()).toContain('log of readiness-deployment-774f8b876f-hqx8x in rec-readiness-exec'));
    screen.type('q');
    expect(await done).toBe(0);
    expect(cluster.stopped).toBe(true);
  });

  it('narrows the pods pane with / as the watch goes on, and Esc shows them all again', async () => {
    const cluster = new RecordedWatchCluster(recording);
    const io = captureIo({ isTTY: true, env: { NO_COLOR: '1' } });
    const screen = fakeTerminal(80, 24);
    const done = watchCluster({ cluster, namespace: 'rec-readiness-exec', io, signal: new AbortController().signal, terminal: screen.terminal });
    await vi.waitFor(() => expect(screen.written()).toMatch(/readiness-deployment-774f8b876f-zf474\s+1\/1\s+Running/));
    for (const key of '/hqx8x\r') {
      screen.type(key);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await vi.waitFor(() => expect(screen.written()).toContain('Pods  filter: hqx8x  1 of 3 pods · / changes it, Esc clears it'));
    const filtered = lastFrame(screen.written());
    expect(filtered).toMatch(/› readiness-deployment-774f8b876f-hqx8x\s+1\/1\s+Running/);
    expect(filtered).not.toMatch(ZF474_ROW);

    // The filter holds while the watch delivers the rest of the recording.
    cluster.deliverTheRest();
    await vi.waitFor(() => expect(lastFrame(screen.written())).toContain('Readiness probe failed'));
    expect(lastFrame(screen.written())).toMatch(/^Pods {2}filter: hqx8x {2}1 of 3 pods/m);
    expect(lastFrame(screen.written())).not.toMatch(ZF474_ROW);

    screen.type('\u001B');
    await vi.waitFor(() => expect(lastFrame(screen.written())).toMatch(/^Pods$/m));
    expect(lastFrame(screen.written())).toMatch(ZF474_ROW);
    screen.type('q');
    expect(await done).toBe(0);
  });

  it("defaults to the context's namespace, else default", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'probelab-watch-'));
    const kubeconfig = join(dir, 'config');
    await writeFile(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{ name: c, cluster: { server: "https://127.0.0.1:6443" } }]',
        'users: [{ name: u, user: {} }]',
        'contexts: [{ name: with-ns, context: { cluster: c, user: u, namespace: shop } }, { name: bare, context: { cluster: c, user: u } }]',
        'current-context: with-ns',
      ].join('\n'),
    );
    expect(await defaultNamespace({ kubeconfig, env: {} })).toBe('shop');
    expect(await defaultNamespace({ kubeconfig, context: 'bare', env: {} })).toBe('default');
  });
});
