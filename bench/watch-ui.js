// `probelab watch` on a 1,000-pod namespace churning 200 pod updates a second, measured through
// the command's own code path: watchCluster (src/commands/watch.ts) with a double of the Cluster
// port whose watch() hands over the observations (the list, then the updates), so each one goes
// through the watch's Timeline, its run store and ink into a fake terminal. Not a Kubernetes API:
// the pods are the real objects of ../shared/fixtures, cloned and renamed.
//
//   node bench/watch-ui.js                      measure (in a child process) and print the figures
//   node bench/watch-ui.js measure              the measurement itself: one JSON line
//   node bench/watch-ui.js recording FILE [S]   the same namespace and S seconds (default 60) of
//                                               its churn as a recording, for `probelab replay FILE`
//
// bench/run.js calls watchUi() for `npm run bench`.

import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { random, readFixtures } from './synthesize.js';

const PODS = 1000;
const UPDATES_PER_SECOND = 200;
const PHASE_SECONDS = 10;
/** Churn before the measured phases (not counted): the first highlights of the list fade, the code warms up. */
const WARM_UP_SECONDS = 10;
const COLUMNS = 160;
const ROWS = 48;
/** The pods are this old when listed: AGE reads like `5m12s` and changes every second. */
const AGE_MS = 5 * 60_000;
const TARGETS = { firstFrameMs: 1000, cpuPercent: 15, rendersPerSecond: 10 };
const KEY = { down: '\u001B[B', enter: '\r' };
/** The filter phase narrows the pods to those not ready, by READY's text (kubectl's `0/1`). */
const FILTER = '0/1';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** Every RFC 3339 time in `value` moved by `delta` ms (whole seconds stay whole, as the API writes them). */
function shiftTimes(value, delta) {
  if (typeof value === 'string' && ISO.test(value)) {
    const moved = new Date(Date.parse(value) + delta).toISOString();
    return value.includes('.') ? moved : moved.replace(/\.\d+Z$/, 'Z');
  }
  if (Array.isArray(value)) return value.map((item) => shiftTimes(item, delta));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shiftTimes(item, delta)]));
  return value;
}

const isoSeconds = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

/**
 * The namespace: every pod the fixtures recorded, with the versions a watch delivered of it,
 * cloned until there are `count` (suffix `-c<i>` on name and uid, times moved so the pods are a
 * few minutes old at `listedAt`). Each pod is listed at a seeded point of its recorded history.
 */
function buildNamespace(count, listedAt, next) {
  const originals = readFixtures().flatMap((fixture) => {
    const origin = Date.parse(fixture.recording.header.startedAt);
    const byUid = new Map();
    for (const o of fixture.recording.observations) {
      if (o.kind !== 'watch' || o.resource !== 'pods' || o.type === 'DELETED') continue;
      const uid = o.object.metadata.uid;
      if (!byUid.has(uid)) byUid.set(uid, []);
      byUid.get(uid).push(o.object);
    }
    return [...byUid.values()].map((versions) => ({ versions, origin }));
  });
  return Array.from({ length: count }, (_, i) => {
    const { versions, origin } = originals[i % originals.length];
    const delta = listedAt - AGE_MS + Math.floor(next() * 60_000) - origin;
    const rename = (object) => {
      const moved = shiftTimes(object, delta);
      moved.metadata = { ...moved.metadata, name: `${object.metadata.name}-c${i}`, uid: `${object.metadata.uid}-c${i}`, namespace: 'bench-watch' };
      return moved;
    };
    const history = versions.map(rename);
    return { history, at: Math.floor(next() * history.length), current: undefined };
  });
}

/**
 * The next `total` updates, made before they are delivered: a pod moves on to its next recorded
 * version, and one at the end of its history flaps as a failing readiness probe makes it (READY
 * 1/1 ↔ 0/1), one update in ten a liveness restart. `at(i)` is when update i is due. Each is
 * kept as the JSON a watch reads off the wire (and parsed when delivered, as a watch does).
 */
function planUpdates(namespace, total, at, next, version) {
  const updates = [];
  while (updates.length < total) {
    const pod = namespace[Math.floor(next() * namespace.length)];
    if (pod.at < pod.history.length - 1) {
      pod.current = structuredClone(pod.history[++pod.at]);
    } else {
      const object = structuredClone(pod.current ?? pod.history[pod.at]);
      const status = object.status?.containerStatuses?.[0];
      if (!status?.state?.running) continue;
      if (next() < 0.1) {
        status.restartCount = (status.restartCount ?? 0) + 1;
        status.lastState = { terminated: { exitCode: 137, reason: 'Error', startedAt: status.state.running.startedAt, finishedAt: isoSeconds(at(updates.length)) } };
      } else {
        status.ready = !status.ready;
      }
      for (const condition of object.status.conditions ?? []) {
        if (condition.type === 'Ready' || condition.type === 'ContainersReady') condition.status = status.ready ? 'True' : 'False';
      }
      pod.current = object;
    }
    pod.current.metadata.resourceVersion = String(version());
    updates.push(JSON.stringify(pod.current));
  }
  return updates;
}

/**
 * The namespace listed at `listedAt`, then one run of updates per entry of `seconds`, back to
 * back from a second after the list: the list as objects, each update as its JSON. Only what is
 * returned stays in memory (the histories the updates come from do not).
 */
function namespaceStream(listedAt, seconds) {
  const next = random(14);
  let resourceVersion = 1000;
  const version = () => ++resourceVersion;
  const namespace = buildNamespace(PODS, listedAt, next);
  const list = namespace.map((pod) => {
    pod.current = structuredClone(pod.history[pod.at]);
    pod.current.metadata.resourceVersion = String(version());
    return pod.current;
  });
  let offset = 0;
  const runs = seconds.map((length) => {
    const from = offset;
    offset += length;
    return planUpdates(namespace, length * UPDATES_PER_SECOND, (i) => listedAt + 1000 + from * 1000 + (i * 1000) / UPDATES_PER_SECOND, next, version);
  });
  return { list, runs };
}

/** A TTY as ink uses it: what is written is counted (frames, bytes) and searched for the first pod. */
class BenchStdout extends EventEmitter {
  isTTY = true;
  columns = COLUMNS;
  rows = ROWS;
  bytes = 0;
  frames = 0;
  onWrite = () => undefined;
  write = (chunk, ...rest) => {
    const text = String(chunk);
    this.bytes += Buffer.byteLength(text);
    // The synchronized-output brackets ink puts around a frame are not frames.
    if (text !== '\u001B[?2026h' && text !== '\u001B[?2026l') {
      this.frames++;
      this.onWrite(text);
    }
    rest.find((arg) => typeof arg === 'function')?.();
    return true;
  };
}

/** A TTY's input as ink reads it: what the bench writes to it arrives as keys. */
function benchStdin() {
  return Object.assign(new PassThrough({ encoding: 'utf8' }), { isTTY: true, setRawMode() { return this; } });
}

/**
 * Test double of the Cluster port (only what `probelab watch` calls): hands the list over, then
 * what the bench delivers, each parsed from its JSON as the real watch parses what it reads.
 */
class BenchCluster {
  connection = { context: 'bench', server: 'https://127.0.0.1:6443', serverVersion: 'v1.32.13' };
  constructor(list, onListed) {
    this.list = list;
    this.onListed = onListed;
  }
  async watch(options) {
    this.options = options;
    for (const resource of ['pods', 'endpointslices', 'events']) options.onHealth?.({ state: 'connected', resource, since: Date.now() });
    // The list has arrived: from here to the first frame that shows it is what the bench times.
    this.onListed();
    for (const object of JSON.parse(this.list).items) options.onObservation({ kind: 'watch', at: Date.now(), resource: 'pods', type: 'ADDED', object });
    return { stop: async () => undefined };
  }
  deliver(json) {
    this.options.onObservation({ kind: 'watch', at: Date.now(), resource: 'pods', type: 'MODIFIED', object: JSON.parse(json) });
  }
  async logs() {
    return '';
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Delivers `updates` at UPDATES_PER_SECOND, calling `keys` every 100 ms; CPU, frames and bytes over that wall time. */
async function churn(cluster, stdout, updates, keys = () => undefined) {
  const before = process.cpuUsage();
  const frames = stdout.frames;
  const bytes = stdout.bytes;
  const t0 = performance.now();
  let delivered = 0;
  let ticks = 0;
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(updates.length, Math.floor(((performance.now() - t0) * UPDATES_PER_SECOND) / 1000));
      while (delivered < due) cluster.deliver(updates[delivered++]);
      if (performance.now() - t0 >= ++ticks * 100) keys(ticks);
      if (delivered === updates.length) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  const cpu = process.cpuUsage(before);
  const wallMs = performance.now() - t0;
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, updates: delivered, frames: stdout.frames - frames, bytes: stdout.bytes - bytes };
}

async function measure() {
  const { watchCluster } = await import('../dist/commands/watch.js');
  const listedAt = Date.now();
  // Everything is made before the clock starts; the times in the objects assume the runs follow each other.
  const { list, runs } = namespaceStream(listedAt, [PHASE_SECONDS, WARM_UP_SECONDS, PHASE_SECONDS, PHASE_SECONDS, PHASE_SECONDS]);
  const [alone, warmUp, ...phases] = runs;
  const firstPod = list.map((pod) => pod.metadata.name).sort()[0];

  // The floor: the same deliveries parsed and dropped, nothing watching them.
  const floor = await churn({ deliver: (json) => JSON.parse(json) }, new BenchStdout(), alone);

  const stdout = new BenchStdout();
  const stdin = benchStdin();
  let listed;
  let firstFrame;
  let last = '';
  stdout.onWrite = (text) => {
    if (listed !== undefined && firstFrame === undefined && text.includes(firstPod)) firstFrame = performance.now();
    last = text;
  };
  const cluster = new BenchCluster(JSON.stringify({ kind: 'PodList', items: list }), () => (listed = performance.now()));
  const io = { out: () => undefined, err: (text) => process.stderr.write(`${text}\n`), isTTY: true, env: { TERM: 'xterm-256color' }, cwd: process.cwd() };
  const done = watchCluster({ cluster, namespace: 'bench-watch', io, signal: new AbortController().signal, terminal: { stdout, stdin, patchConsole: false } });
  while (firstFrame === undefined) await settle();

  await churn(cluster, stdout, warmUp);
  const still = await churn(cluster, stdout, phases[0]);
  const scrolling = await churn(cluster, stdout, phases[1], () => stdin.write(KEY.down));
  for (const key of ['/', ...FILTER, KEY.enter]) {
    stdin.write(key);
    await settle();
  }
  const filtered = await churn(cluster, stdout, phases[2]);
  // What the pods pane's title said at the end: that the filter was on (where the code has one).
  const title = /Pods {2}filter: .*?pods/.exec(last.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, ''))?.[0];
  stdin.write('q');
  const exit = await done;
  return { pods: PODS, columns: COLUMNS, rows: ROWS, firstFrameMs: firstFrame - listed, floor, still, scrolling, filtered, filter: FILTER, title, exit };
}

/** The namespace and `seconds` of churn as a probelab-recording/v1 file, for `probelab replay`. */
async function writeRecording(file, seconds) {
  const startedAt = Date.parse('2026-11-21T20:00:00Z');
  const { list, runs } = namespaceStream(startedAt + 500, [seconds]);
  const at = (i) => startedAt + 1500 + (i * 1000) / UPDATES_PER_SECOND;
  const out = createWriteStream(file);
  const line = (value) => (out.write(`${JSON.stringify(value)}\n`) ? undefined : new Promise((resolve) => out.once('drain', resolve)));
  await line({
    format: 'probelab-recording/v1',
    scenario: 'watch-1000-pods',
    namespace: 'bench-watch',
    startedAt: new Date(startedAt).toISOString(),
    notes: `Generated by bench/watch-ui.js, not recorded: ${PODS} pods cloned from the real pods of ../shared/fixtures, then ${UPDATES_PER_SECOND} pod updates a second for ${seconds} s.`,
  });
  for (const object of list) await line({ at: new Date(startedAt + 500).toISOString(), kind: 'watch', resource: 'pods', type: 'ADDED', object });
  for (const [i, json] of runs[0].entries()) await line({ at: new Date(at(i)).toISOString(), kind: 'watch', resource: 'pods', type: 'MODIFIED', object: JSON.parse(json) });
  await new Promise((resolve) => out.end(resolve));
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The figures vary by a few points from run to run: each is the median of this many runs. */
const RUNS = 3;
const yes = (ok) => (ok ? 'yes' : '**no**');
const fixed = (value, digits = 1) => value.toFixed(digits);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One `measure` in its own process, React's build chosen as dist/cli.js chooses it. */
function measureInChild() {
  const env = { ...process.env, NODE_ENV: 'production' };
  // ink draws only the last frame when it believes it runs in CI.
  delete env.CI;
  const run = spawnSync(process.execPath, ['bench/watch-ui.js', 'measure'], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 1 << 24 });
  const last = run.stdout.split('\n').filter((l) => l.startsWith('{')).at(-1);
  if (run.status !== 0 || !last) throw new Error(`bench/watch-ui.js measure failed (exit ${run.status}):\n${run.stderr}`);
  const result = JSON.parse(last);
  // Figures of a filter phase in which the pane did not filter would measure the wrong thing.
  if (!result.title) throw new Error(`bench/watch-ui.js: the pods pane never said its filter ${FILTER} was on`);
  if (result.exit !== 0) throw new Error(`bench/watch-ui.js: probelab watch exited ${result.exit} on q`);
  return result;
}

/**
 * Measures RUNS times; the figures as rows (with the code before this work, from
 * bench/watch-ui-history.json) and a BENCHMARKS.md section that also says what each change bought.
 */
export function watchUi(machine = `${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, Node ${process.version}`) {
  const runs = Array.from({ length: RUNS }, (_, i) => {
    process.stderr.write(`  … watch-ui ${i + 1}/${RUNS}\n`);
    return measureInChild();
  });
  const history = JSON.parse(readFileSync(new URL('./watch-ui-history.json', import.meta.url), 'utf8'));
  const before = history.steps[0];
  const rows = MEASURES.map((measure) => {
    const now = median(runs.map(measure.value));
    const old = measure.filter && before.noFilter ? undefined : median(before.runs.map(measure.value));
    return { measure: measure.label, now: measure.unit(now), before: old === undefined ? '—' : measure.unit(old), target: measure.target ?? '—', ok: measure.ok?.(now) };
  });
  const table = ['| measure | before | now | target | met |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r.measure} | ${r.before} | ${r.now} | ${r.target} | ${r.ok === undefined ? '' : yes(r.ok)} |`)].join('\n');
  const bought = ['| change (commit) | first frame | churn: CPU | churn: renders |', '|---|---|---|---|', ...history.steps.map((step) => {
    const [first, cpu, renders] = [FIRST_FRAME, CHURN_CPU, CHURN_RENDERS].map((measure) => measure.unit(median(step.runs.map(measure.value))));
    return `| ${step.what} (${step.commit}) | ${first} | ${cpu} | ${renders} |`;
  })].join('\n');
  const markdown = `## \`probelab watch\` on a 1,000-pod namespace

Measured with \`npm run bench\` (\`node bench/watch-ui.js measure\`, ${RUNS} runs in child processes, the
median of each figure) on ${machine}. "before" is the same script on the code before this work
(${before.commit}), as \`dist/cli.js\` ran it then: React's development build (no NODE_ENV).

${table}

What each change bought (the same script at each commit, medians of ${RUNS} runs, measured ${history.measuredOn}):

${bought}

- **The namespace**: ${PODS} pods, the pods of the real recordings in \`../shared/fixtures\` cloned and renamed
  (\`-c<i>\`), times moved so they are about ${AGE_MS / 60_000} minutes old, each listed at a seeded point of its recorded
  history. Then ${UPDATES_PER_SECOND} pod updates a second: a pod moves on to its next recorded version, or flaps READY
  (one update in ten a liveness restart). Every update is made before the clock starts and kept as JSON,
  parsed when delivered, as a watch parses what it reads.
- **The path** is \`probelab watch\`'s own: \`watchCluster\` (src/commands/watch.ts) with a double of the
  Cluster port whose \`watch()\` hands over the list, then the updates; each goes through the watch's
  Timeline, run store and ink into a fake ${COLUMNS}×${ROWS} TTY. NODE_ENV=production, as \`dist/cli.js\` sets it.
- **First frame**: from the list's arrival (before it is parsed) to the first write to the terminal that
  shows its pods.
- **CPU** is \`process.cpuUsage()\` over the wall time of each ${PHASE_SECONDS} s phase, after ${WARM_UP_SECONDS} s of churn not counted,
  as % of one core: the pods churning; churning while ↓ is pressed 10 times a second; churning with the
  filter \`${FILTER}\` (the pods not ready) kept, the pane's title reading \`${runs[0].title}\`. "The deliveries alone" is the same ${UPDATES_PER_SECOND} updates a
  second parsed and dropped, nothing watching: the floor every figure above includes. **Renders** are
  frames written to the terminal; **written** is what they weigh.
`;
  const width = Math.max(...rows.map((r) => r.measure.length));
  const text = rows.map((r) => `${r.measure.padEnd(width)}  ${r.now}${r.ok === undefined ? '' : `  (${r.target}: ${yes(r.ok).replace(/\*\*/g, '')})`}  before: ${r.before}`).join('\n');
  return { rows, markdown, text: `\n\`probelab watch\`, ${PODS} pods, ${UPDATES_PER_SECOND} updates/s (median of ${RUNS}) — ${machine}\n${text}\n` };
}

const share = (phase) => (100 * phase.cpuMs) / phase.wallMs;
const perSecond = (phase, value) => (1000 * value) / phase.wallMs;
const FIRST_FRAME = { label: 'first frame after the list', value: (r) => r.firstFrameMs, unit: (v) => `${Math.round(v)} ms`, target: `≤ ${TARGETS.firstFrameMs} ms`, ok: (v) => v <= TARGETS.firstFrameMs };
const cpuOf = (key, label) => ({ label: `${label}: CPU`, value: (r) => share(r[key]), unit: (v) => `${fixed(v)} % of one core`, target: `≤ ${TARGETS.cpuPercent} %`, ok: (v) => v <= TARGETS.cpuPercent });
const rendersOf = (key, label) => ({ label: `${label}: renders`, value: (r) => perSecond(r[key], r[key].frames), unit: (v) => `${fixed(v)} /s`, target: `≤ ${TARGETS.rendersPerSecond} /s`, ok: (v) => v <= TARGETS.rendersPerSecond });
const writtenOf = (key, label) => ({ label: `${label}: written`, value: (r) => perSecond(r[key], r[key].bytes) / 1024, unit: (v) => `${fixed(v)} KiB/s` });
const CHURN_CPU = cpuOf('still', 'churn');
const CHURN_RENDERS = rendersOf('still', 'churn');
const MEASURES = [
  FIRST_FRAME,
  CHURN_CPU,
  CHURN_RENDERS,
  writtenOf('still', 'churn'),
  ...[cpuOf, rendersOf, writtenOf].map((of) => of('scrolling', 'churn + scrolling')),
  // The code before this work has no filter: its keys did nothing there.
  ...[cpuOf, rendersOf, writtenOf].map((of) => ({ ...of('filtered', `churn + filter ${FILTER}`), filter: true })),
  { label: 'the deliveries alone: CPU', value: (r) => share(r.floor), unit: (v) => `${fixed(v)} % of one core` },
];

const [mode, ...args] = process.argv.slice(2);
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (mode === 'measure') {
    process.stdout.write(`${JSON.stringify(await measure())}\n`);
    process.exit(0);
  } else if (mode === 'recording') {
    if (!args[0]) throw new Error('usage: node bench/watch-ui.js recording FILE [SECONDS]');
    await writeRecording(args[0], Number(args[1] ?? 60));
  } else {
    process.stdout.write(watchUi().text);
  }
}
