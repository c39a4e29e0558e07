import { parseDuration } from '../lab/duration.js';
import { createCluster } from '../cluster/cluster.js';
import { RecordingWriter } from '../recording/writer.js';
import { RECORDING_FORMAT } from '../recording/format.js';
import { EXIT, UserError } from '../exit-codes.js';
import type { Command } from './command.js';
import { clusterFlagHelp, clusterFlags, clusterOptions } from './cluster-options.js';
import { interruptSignal } from './interrupt.js';

export const command: Command = {
  name: 'record',
  usage: '-n NAMESPACE -o FILE.jsonl [--duration D]',
  description:
    'Watches a namespace (pods, EndpointSlices or Endpoints, events) and writes every observation to a probelab-recording/v1 file as it arrives, until Ctrl-C or --duration. Read-only: it changes nothing in the cluster, so any context is allowed. Replay it with `probelab replay FILE --lab LAB`.',
  options: {
    namespace: { type: 'string', short: 'n' },
    output: { type: 'string', short: 'o' },
    duration: { type: 'string' },
    ...clusterFlags,
  },
  optionHelp: {
    namespace: 'the namespace to record',
    output: 'the recording file to write',
    duration: 'stop after this long, e.g. 5m (default: until Ctrl-C)',
    ...clusterFlagHelp,
  },
  async run({ values }, io) {
    const namespace = values.namespace as string | undefined;
    const output = values.output as string | undefined;
    if (!namespace || !output) throw new UserError('record needs -n NAMESPACE and -o FILE');
    const durationMs = values.duration ? parseDurationFlag(values.duration as string) : undefined;
    const cluster = await createCluster(clusterOptions(values, io, false));
    const writer = new RecordingWriter(output, {
      format: RECORDING_FORMAT,
      scenario: namespace,
      namespace,
      cluster: { serverVersion: cluster.connection.serverVersion, context: cluster.connection.context },
      startedAt: new Date().toISOString(),
      notes: 'recorded with probelab record',
    });
    let count = 0;
    const { signal, dispose } = interruptSignal(io);
    const watch = await cluster.watch({
      namespace,
      onObservation: (observation) => {
        writer.write(observation);
        count++;
      },
      onHealth: (health) => {
        if (health.state === 'reconnecting') io.err(`watch ${health.resource} reconnecting (attempt ${health.attempt}): ${health.reason}`);
      },
    });
    io.err(`recording ${namespace} on ${cluster.connection.context} to ${output}${durationMs ? ` for ${values.duration as string}` : ''}; Ctrl-C stops`);
    await new Promise<void>((resolve) => {
      const timer = durationMs === undefined ? undefined : setTimeout(resolve, durationMs);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
    await watch.stop();
    await writer.close();
    dispose();
    io.err(`wrote ${count} observations to ${output}`);
    return EXIT.ok;
  },
};

function parseDurationFlag(text: string): number {
  try {
    return parseDuration(text);
  } catch {
    throw new UserError(`--duration: expected a duration like "5m", got ${JSON.stringify(text)}`);
  }
}
