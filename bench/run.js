// `npm run bench`: builds, runs each measurement in its own process (bench/tasks.js), prints a
// table and writes the figures to BENCHMARKS.md with the machine they were measured on.
// Benchmarks live here and only here: no test asserts on time.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { fileURLToPath } from 'node:url';
import { percentiles } from './stats.js';
import { readFixtures } from './synthesize.js';
import { watchUi } from './watch-ui.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const COPIES = Number(process.env.PROBELAB_BENCH_COPIES ?? 240);
const HELP_RUNS = 30;
const VALIDATE_RUNS = 10;
const UI_SECONDS = 10;
const FULL_STEP_BUDGET_MS = 20_000;

function task(name, ...args) {
  process.stderr.write(`  … ${name} ${args.join(' ')}\n`);
  // ink renders only the last frame when it believes it runs in CI; the UI row wants every frame.
  const env = { ...process.env };
  delete env.CI;
  const run = spawnSync(process.execPath, ['bench/tasks.js', name, String(COPIES), ...args.map(String)], { cwd: ROOT, env, maxBuffer: 1 << 24, encoding: 'utf8' });
  const line = run.stdout.split('\n').filter((l) => l.startsWith('{')).at(-1);
  if (run.status !== 0 || !line) throw new Error(`bench task ${name} failed (exit ${run.status}):\n${run.stderr}`);
  return JSON.parse(line);
}

function wallTimes(args, runs) {
  const samples = [];
  let status;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const result = spawnSync(process.execPath, ['dist/cli.js', ...args], { cwd: ROOT, encoding: 'utf8' });
    samples.push(performance.now() - t0);
    status = result.status;
  }
  return { ...percentiles(samples), status };
}

function machine() {
  const info = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(info)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return { cpu: model.trim(), cores: cpus().length, memoryGiB: totalmem() / 2 ** 30, node: process.version, kernel: release() };
}

const ms = (value) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value >= 1 ? value.toFixed(2) : value.toFixed(3));
const int = (value) => Math.round(value).toLocaleString('en-US');
const verdict = (ok) => (ok ? 'yes' : '**no**');

process.stderr.write(`probelab benchmarks (${COPIES} copies of every fixture)\n`);
const host = machine();
const timeline = task('timeline');
const judgePod = task('judge', 'pod', 3_600_000);
const judgeFull = task('judge', 'full', FULL_STEP_BUDGET_MS);
const memory = task('memory', 'pod');
const fixtureLatency = task('fixture-latency', 40);
const uiRender = task('ui', 'yes', UI_SECONDS);
const uiBare = task('ui', 'no', UI_SECONDS);
process.stderr.write('  … start-up\n');
const help = wallTimes(['--help'], HELP_RUNS);
const validate = wallTimes(['validate', 'labs'], VALIDATE_RUNS);
const watchView = watchUi(`${host.cpu}, ${host.cores} cores, ${host.memoryGiB.toFixed(1)} GiB memory, Linux ${host.kernel}, Node ${host.node}`);

const perSecond = (r) => r.observations / (r.ms / 1000);
const cpuShare = (r) => (100 * r.cpuMs) / r.wallMs;
const totalTimelineMs = Object.values(timeline.byResource).reduce((a, b) => a + b, 0);
const split = Object.entries(timeline.byResource)
  .sort((a, b) => b[1] - a[1])
  .map(([kind, t]) => `${kind} ${((100 * t) / totalTimelineMs).toFixed(0)} % (${int(timeline.kinds[kind])} observations)`)
  .join(', ');
const rssMb = memory.maxRssKb / 1024;

const rows = [
  ['Throughput: Timeline alone', `${int(perSecond(timeline))} observations/s`, '', `${int(timeline.observations)} observations, ${int(timeline.distinctPods)} pods, ${int(timeline.eventObjects)} event objects; time by resource: ${split}`],
  ['Throughput: Timeline + LabJudge, pod-scoped step', `${int(perSecond(judgePod))} observations/s`, '', `readiness-exec "break one replica" with its pod READY, endpoints and never-restart items, open for the whole stream (${int(judgePod.observations)} observations)`],
  [
    'Throughput: Timeline + LabJudge, the whole step',
    `${int(perSecond(judgeFull))} observations/s`,
    '',
    `the same step as the lab has it (adds the Unhealthy event and the Deployment replica counts); stopped after ${FULL_STEP_BUDGET_MS / 1000} s at ${int(judgeFull.observations)} of ${int(judgeFull.of)} observations, ${int(judgeFull.pods)} pods held by then`,
  ],
  ['Peak RSS, judged replay (child process)', `${rssMb.toFixed(0)} MB`, `≤ 200 MB: ${verdict(rssMb <= 200)}`, `maxRSS of a process streaming all ${int(memory.observations)} observations through Timeline + LabJudge (pod-scoped); ${int(memory.pods)} pods and ${int(memory.events)} event objects held at the end, heap ${memory.heapUsedMb.toFixed(0)} MB`],
  ['Verdict latency, real labs on the real recordings', `p50 ${ms(fixtureLatency.latency.p50)} ms, p99 ${ms(fixtureLatency.latency.p99)} ms`, `p99 ≤ 5 ms: ${verdict(fixtureLatency.latency.p99 <= 5)}`, `judge.observe() to its verdict, ${int(fixtureLatency.observations)} calls over ${fixtureLatency.recordings} replays; max ${ms(fixtureLatency.latency.max)} ms`],
  ['Verdict latency, pod-scoped step in the large namespace', `p50 ${ms(judgePod.latency.p50)} ms, p99 ${ms(judgePod.latency.p99)} ms`, `p99 ≤ 5 ms: ${verdict(judgePod.latency.p99 <= 5)}`, `max ${ms(judgePod.latency.max)} ms`],
  ['Verdict latency, whole step in the large namespace', `p50 ${ms(judgeFull.latency.p50)} ms, p99 ${ms(judgeFull.latency.p99)} ms`, `p99 ≤ 5 ms: ${verdict(judgeFull.latency.p99 <= 5)}`, `grows with the namespace: max ${ms(judgeFull.latency.max)} ms at ${int(judgeFull.pods)} pods`],
  [
    'UI: 200 churning pods, pods pane at ≤ 10 fps',
    `${cpuShare(uiRender).toFixed(1)} % of one core`,
    '',
    `${UI_SECONDS} s, ${int(uiRender.updates)} pod updates fed, ${uiRender.renders} renders of the ink pods pane (160×58) into a fake stdout, ${int(uiRender.bytesWritten)} bytes written`,
  ],
  ['UI: the same churn without rendering', `${cpuShare(uiBare).toFixed(1)} % of one core`, '', `${int(uiBare.updates)} pod updates through Timeline and the run store only`],
  ['Start-up: `probelab --help`', `median ${ms(help.p50)} ms, p95 ${ms(help.p95)} ms`, `≤ 300 ms: ${verdict(help.p95 <= 300)}`, `${HELP_RUNS} runs of \`node dist/cli.js --help\`, exit ${help.status}`],
  ['Start-up: `probelab validate labs`', `median ${ms(validate.p50)} ms, p95 ${ms(validate.p95)} ms`, '', `${VALIDATE_RUNS} runs of \`node dist/cli.js validate labs\`, exit ${validate.status}`],
];

const table = ['| measure | result | target | details |', '|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const md = `# Benchmarks

Measured with \`npm run bench\` (\`tsc -p tsconfig.build.json && node bench/run.js\`) on ${new Date().toISOString().slice(0, 10)}.
Each measurement runs in its own Node process (\`node bench/tasks.js <task>\`); the figures below are
the ones that command printed. No test asserts on time: only this script measures.

**Machine:** ${host.cpu}, ${host.cores} cores, ${host.memoryGiB.toFixed(1)} GiB memory, Linux ${host.kernel}, Node ${host.node}.

${table}

## How each figure is made

- **The large namespace** is built in memory from the real recordings in \`../shared/fixtures\`:
  each of the ${readFixtures().length} recordings cloned ${COPIES} times, every clone with its own object names and
  uids (suffix \`-c<k>\`) and its own start (every 2 s plus a seeded random 0–2 s), merged in time order,
  resourceVersions renumbered in that order. It is never written to disk. "Events" in the brief's
  sense are watch observations: ${int(timeline.observations)} of them, ${int(timeline.kinds.events ?? 0)} of which are Event-object deliveries.
- **Throughput** is observations divided by the time of the loop that applies them (the input is made
  before the clock starts). A judged step is held open for the whole stream so every observation is judged.
- **Peak RSS** is \`process.resourceUsage().maxRSS\` in a child process that makes each observation as it
  consumes it (as a watch delivers them), so the figure is the judge's state, not the input's.
- **Verdict latency** is the duration of each \`judge.observe(o)\` call: the verdict is computed inside it,
  so this is the time from an observation's arrival at the judge to its verdict.
- **UI cost** feeds 200 pod updates a second (READY flips, some restarts) through a Timeline into the run
  store (\`createRunStore\`, 100 ms notification throttle), which re-renders the ink \`PodsTable\` into a fake
  160×60 terminal; CPU is \`process.cpuUsage()\` over ${UI_SECONDS} s of wall time.
- **Start-up** is the wall time of spawning \`node dist/cli.js …\` to its exit.
`;

writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), `${md}\n${watchView.markdown}`);
process.stdout.write(`\nprobelab benchmarks — ${host.cpu}, ${host.cores} cores, ${host.memoryGiB.toFixed(1)} GiB, Node ${host.node}\n\n`);
const width = Math.max(...rows.map((r) => r[0].length));
for (const [measure, result, target] of rows) process.stdout.write(`${measure.padEnd(width)}  ${result}${target ? `  (${target.replace(/\*\*/g, '')})` : ''}\n`);
process.stdout.write(watchView.text);
process.stdout.write('\nwrote BENCHMARKS.md\n');
