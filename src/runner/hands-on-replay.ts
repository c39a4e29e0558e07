// `probelab run --hands-on --replay FILE`: a hands-on run whose cluster is a recording played at
// its recorded pace (the watch `exercise check --replay` grades), so the hands-on view can be
// tried, shown and tested without a cluster. The recorded actions stand in for a learner acting
// in another terminal: they are not watched, as a learner's exec is not. The run's clock is the
// recording's time; nothing is created, applied, changed or deleted: every write is refused.

import type { Cluster } from '../cluster/port.js';
import { EXIT, UserError } from '../exit-codes.js';
import type { Recording } from '../recording/format.js';
import { systemPlayerClock, type PlayerClock } from '../replay/player.js';
import { playRecording } from '../verify/played-recording.js';
import type { Clock } from './clock.js';

export interface ReplayedRun {
  cluster: Cluster;
  /** The recording's time: still at its start until the watch begins, then moving as it plays. */
  clock: Clock;
  /** The recorded namespace, where the run reads (as `run` does in a namespace it did not create). */
  namespace: string;
}

export function replayedRun(recording: Recording, file: string, timers: PlayerClock = systemPlayerClock): ReplayedRun {
  const played = playRecording(recording, file, { clock: timers });
  const start = Date.parse(recording.header.startedAt);
  const first = recording.observations.find((o) => o.kind === 'watch')?.at ?? start;
  let playing: { wall: number } | undefined;
  const clock: Clock = {
    now: () => (playing ? first + (timers.now() - playing.wall) : start),
    sleep: (ms, signal) =>
      new Promise((resolve) => {
        if (signal?.aborted) return resolve();
        const done = () => {
          cancel();
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const cancel = timers.setTimer(done, ms);
        signal?.addEventListener('abort', done, { once: true });
      }),
  };
  const refuse = (what: string) => async (): Promise<never> => {
    throw new UserError(`${file} is a recording: probelab cannot ${what} in it (run --replay only watches; the recorded actions were the learner's)`, EXIT.badInput);
  };
  const cluster: Cluster = {
    connection: played.connection,
    watch: async (options) => {
      const handle = await played.watch(options);
      playing ??= { wall: timers.now() };
      return handle;
    },
    getObject: played.getObject,
    listPods: played.listPods,
    listObjects: played.listObjects,
    logs: async () => {
      throw new UserError(`${file} is a recording: logs are not in it`, EXIT.badInput);
    },
    createLabNamespace: refuse('create a namespace'),
    apply: refuse('apply manifests'),
    exec: refuse('exec into a pod'),
    signal: refuse('send a signal'),
    setPodCondition: refuse('patch a pod status'),
    patchPodStatus: refuse('patch a pod status'),
    deleteObject: refuse('delete objects'),
    scale: refuse('scale a Deployment'),
    deleteNamespace: refuse('delete a namespace'),
    deleteApplied: refuse('delete objects'),
  };
  return { cluster, clock, namespace: recording.header.namespace };
}
