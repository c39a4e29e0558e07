// `probelab watch`: the run view's live panes for any namespace, without a lab: pods with the
// kubectl columns, endpoints, events and each container's probes as `kubectl describe` prints
// them, each change highlighted as it happens. Read-only, so no context guard. Outside a terminal
// it prints the transitions as lines until Ctrl-C.

import type { ClusterOptions } from '../cluster/cluster.js';
import type { Cluster } from '../cluster/port.js';
import { EXIT } from '../exit-codes.js';
import { Timeline } from '../timeline/timeline.js';
import type { Command, Io } from './command.js';
import { clusterFlagHelp, clusterFlags } from './cluster-options.js';
import type { RenderRunOptions } from '../ui/render-run.js';
import { transitionLines } from './transition-log.js';
import { WatchGaps } from '../runner/watch-gaps.js';
import { describeWatchGap } from '../report/watch-gap-text.js';
import { elapsed } from '../report/text.js';
import { stopOnSignal } from './interrupt.js';

export const command: Command = {
  name: 'watch',
  usage: '[-n NAMESPACE] [-l SELECTOR] [--context NAME] [--kubeconfig FILE]',
  description: [
    "Shows a namespace live, without a lab: pods (READY, STATUS, RESTARTS, AGE as kubectl prints them), the Services' endpoints, events, and each container's probes, with every change highlighted as it happens. It only reads (list and watch, and logs for `l`), so it runs on any context.",
    'Keys: ↑ ↓ select a pod, PgUp PgDn a page (Home End: the first, the last), / filters the pods by a piece of a cell (a name, CrashLoop, 0/1) or a /regular expression/ matched against each cell (Enter keeps it, Esc clears it), l logs, e all events, ? help, q quits.',
    'Outside a terminal it prints one line per transition (READY, STATUS, RESTARTS, endpoints, events) until Ctrl-C.',
    'Exit codes: 0 after q in the view, 130 after Ctrl-C outside it, 2 bad kubeconfig, 3 cluster unreachable or forbidden.',
  ].join('\n\n'),
  options: {
    namespace: { type: 'string', short: 'n' },
    selector: { type: 'string', short: 'l' },
    context: clusterFlags.context,
    kubeconfig: clusterFlags.kubeconfig,
  },
  optionHelp: {
    namespace: "the namespace to watch (default: the context's namespace, else default)",
    selector: 'only pods with these labels, e.g. app=web (endpoints and events are not filtered)',
    context: clusterFlagHelp.context,
    kubeconfig: clusterFlagHelp.kubeconfig,
  },
  async run({ values }, io) {
    const options: ClusterOptions = { kubeconfig: values.kubeconfig as string | undefined, context: values.context as string | undefined, env: io.env, guard: false };
    const namespace = (values.namespace as string | undefined) ?? (await defaultNamespace(options));
    const { createCluster } = await import('../cluster/cluster.js');
    const cluster = await createCluster(options);
    const stop = stopOnSignal();
    try {
      return await watchCluster({ cluster, namespace, labelSelector: values.selector as string | undefined, io, signal: stop.signal });
    } finally {
      stop.dispose();
    }
  },
};

/** kubectl's default: the namespace the context names, else `default`. */
export async function defaultNamespace(options: ClusterOptions): Promise<string> {
  const { loadKubeconfig } = await import('../cluster/kubeconfig.js');
  const { kc, context } = loadKubeconfig(options);
  return kc.getContextObject(context)?.namespace || 'default';
}

export interface WatchRun {
  cluster: Cluster;
  namespace: string;
  labelSelector?: string;
  io: Io;
  /** Ends the watch: Ctrl-C or SIGTERM (in the view, Ctrl-C arrives as a key instead). */
  signal: AbortSignal;
  /** Wall clock (default Date.now). */
  now?: () => number;
  /** A test's fake terminal; process.stdout / stdin otherwise. */
  terminal?: Pick<RenderRunOptions, 'stdout' | 'stdin' | 'patchConsole'>;
}

export async function watchCluster(run: WatchRun): Promise<number> {
  return run.io.isTTY ? watchInView(run) : watchAsLines(run);
}

async function watchInView({ cluster, namespace, labelSelector, io, signal, now = Date.now, terminal }: WatchRun): Promise<number> {
  const { createRunStore, initialViewState, renderRun, WATCH_FRAME } = await import('../ui/index.js');
  const store = createRunStore({ initial: initialViewState({ name: 'watch', title: target(namespace, labelSelector), file: '', learn: '' }, cluster.connection) });
  const handle = renderRun({
    store,
    onQuit: () => undefined,
    fetchLogs: (pod) => cluster.logs(namespace, pod, undefined, 50),
    waitForStart: false,
    now,
    env: io.env,
    frame: WATCH_FRAME,
    ...terminal,
  });
  const timeline = new Timeline();
  store.dispatch({ kind: 'started', at: now(), lab: 'watch', namespace });
  const onAbort = () => handle.unmount();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const watch = await cluster.watch({
      namespace,
      labelSelector,
      onObservation: (observation) => store.dispatch({ kind: 'observation', at: observation.at, observation, transitions: timeline.apply(observation) }),
      onHealth: (health) => store.dispatch({ kind: 'watchHealth', at: now(), health }),
    });
    await handle.waitUntilExit();
    await watch.stop();
  } finally {
    signal.removeEventListener('abort', onAbort);
    handle.unmount();
  }
  return signal.aborted ? EXIT.interrupted : EXIT.ok;
}

async function watchAsLines({ cluster, namespace, labelSelector, io, signal, now = Date.now }: WatchRun): Promise<number> {
  const { context, server } = cluster.connection;
  io.out(`watching ${target(namespace, labelSelector)} on context ${context} (${server}); Ctrl-C stops`);
  const start = now();
  const timeline = new Timeline();
  // One line when a watch is cut and one when it is back, as `run` says it, not one per attempt.
  const gaps = new WatchGaps();
  const watch = await cluster.watch({
    namespace,
    labelSelector,
    onObservation: (observation) => transitionLines(timeline.apply(observation), start).forEach((text) => io.out(text)),
    onHealth: (next) => {
      const gap = gaps.note(next, now());
      if (gap) io.out(`${elapsed(gap.at - start)} ${describeWatchGap(gap)}`);
    },
  });
  if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  await watch.stop();
  return EXIT.interrupted;
}

function target(namespace: string, labelSelector: string | undefined): string {
  return `namespace ${namespace}${labelSelector ? ` -l ${labelSelector}` : ''}`;
}
