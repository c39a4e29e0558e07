// A recording of a student's namespace (`probelab record`, or a run's --record) played as if it
// were the cluster's watch of that namespace, at the recorded pace × speed: what
// `exercise check --replay` grades live. The watch's initial list is what the recording holds at
// its first moment. Kinds a namespace watch does not see (a Service an `object:` check names)
// come from the manifests in the recording's header, the objects it says were applied.

import { parseManifests } from '../cluster/manifests.js';
import { normalizeKind } from '../cluster/resource-resolver.js';
import type { WatchHandle, WatchOptions } from '../cluster/port.js';
import { EXIT, UserError } from '../exit-codes.js';
import type { KubeObject, Pod } from '../model/kube.js';
import type { Observation } from '../model/observation.js';
import type { Recording } from '../recording/format.js';
import { createPlayer, systemPlayerClock, type PlayerClock } from '../replay/player.js';
import type { RunEvent } from '../runner/events.js';
import { matchesSelector } from '../runner/selector.js';
import type { LiveSource } from './live-grading.js';

export interface PlayedRecording extends LiveSource {
  /** Resolves once every observation has been delivered. */
  readonly ended: Promise<void>;
}

export interface PlayOptions {
  /** Recorded seconds per wall second (default 1). */
  speed?: number;
  clock?: PlayerClock;
}

export function playRecording(recording: Recording, file: string, options: PlayOptions = {}): PlayedRecording {
  const { header } = recording;
  const applied = (header.manifests ?? []).flatMap((text) => parseManifests(text, `${file} header.manifests`));
  const watched = recording.observations.filter((o) => o.kind === 'watch');
  if (watched.length === 0) throw new UserError(`${file}: the recording holds no watch observations to grade`, EXIT.badInput);
  let resolveEnded: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
  let listener: ((observation: Observation) => void) | undefined;
  const events: RunEvent[] = watched.map((observation) => ({ kind: 'observation', at: observation.at, observation, transitions: [] }));
  const player = createPlayer({
    events,
    dispatch: (event) => {
      if (event.kind === 'observation') listener?.(event.observation);
    },
    reset: () => undefined,
    clock: options.clock ?? systemPlayerClock,
    speed: options.speed,
    onChange: (state) => {
      if (state.ended) resolveEnded();
    },
  });
  const objectsOf = (kind: string) => applied.filter((o) => normalizeKind(o.kind ?? '') === normalizeKind(kind)).map((o) => ({ ...o, metadata: { ...o.metadata, namespace: header.namespace } }));

  return {
    connection: { context: header.cluster?.context ?? 'recorded', server: file, serverVersion: header.cluster?.serverVersion },
    ended,
    async watch(watchOptions: WatchOptions): Promise<WatchHandle> {
      if (watchOptions.namespace !== header.namespace) {
        throw new UserError(`${file} records namespace ${header.namespace}, not ${watchOptions.namespace}`, EXIT.badInput);
      }
      listener = watchOptions.onObservation;
      // The initial list: everything recorded at the first moment, delivered before watch resolves.
      player.seekTo(events[0]!.at);
      if (!player.state().ended) player.play();
      return {
        stop: async () => {
          player.stop();
          listener = undefined;
        },
      };
    },
    async getObject(_namespace: string, kind: string, name: string): Promise<KubeObject | undefined> {
      return objectsOf(kind).find((o) => o.metadata.name === name);
    },
    async listPods(_namespace: string, labelSelector?: string): Promise<Pod[]> {
      return objectsOf('Pod').filter((o) => labelSelector === undefined || matchesSelector(labelSelector, o.metadata.labels)) as unknown as Pod[];
    },
    async listObjects(_namespace: string, kind: string): Promise<KubeObject[]> {
      return objectsOf(kind);
    },
  };
}
