// One measurement per process: `node bench/tasks.js <task> [copies]` prints one JSON line.
// bench/run.js starts each in its own process so that memory and CPU figures are that task's alone.

import { Writable } from 'node:stream';
import { createElement } from 'react';
import { render } from 'ink';
import { LabJudge } from '../dist/expect/lab-judge.js';
import { autoWithinFor } from '../dist/expect/auto-within.js';
import { loadLab } from '../dist/lab/load.js';
import { judgeRecording } from '../dist/replay/judge-recording.js';
import { Timeline } from '../dist/timeline/timeline.js';
import { createRunStore } from '../dist/ui/run-store.js';
import { PodsTable } from '../dist/ui/pods-table.js';
import { percentiles } from './stats.js';
import { random, readFixtures, synthesize } from './synthesize.js';

const LABS = new URL('../labs/', import.meta.url);
const HOUR = 3_600_000;

async function catalogueLab(name) {
  const result = await loadLab(new URL(`${name}.yaml`, LABS).pathname);
  if (!result.ok) throw new Error(`labs/${name}.yaml is invalid`);
  return result.loaded;
}

/**
 * A judge with one step held open for the whole stream, so every observation is judged. `scope`:
 * `pod` keeps readiness-exec's expectations about one pod and its Service (READY, endpoints, never
 * a restart); `full` is that step as the lab has it (adds the Unhealthy event and the Deployment's
 * replica counts, which look at every event and every pod).
 */
async function openJudge(scope, copies, startedAt) {
  const loaded = await catalogueLab('readiness-exec');
  const step = loaded.lab.spec.steps.find((s) => s.do?.some((a) => 'exec' in a));
  const last = copies - 1;
  const rename = (e) => ('endpoints' in e ? { ...e, endpoints: `${e.endpoints}-c${last}` } : e);
  const expect = step.expect.filter((e) => scope === 'full' || 'pod' in e || 'endpoints' in e).map((e) => ({ ...rename(e), within: '1h' }));
  const lab = { ...loaded.lab, spec: { ...loaded.lab.spec, steps: [{ name: `${step.name} (${scope})`, expect, never: step.never, within: '1h' }] } };
  const judge = new LabJudge(lab, { autoWithin: () => HOUR });
  // The replica the recording breaks, in the last copy: it appears late and is judged throughout.
  const picked = readFixtures().find((f) => f.name === 'readiness-exec').recording.observations.find((o) => o.kind === 'action').pod;
  judge.bindings.set('$picked', `${picked}-c${last}`);
  judge.startStep(0, startedAt);
  return judge;
}

const tasks = {
  /** Observations per second through a Timeline alone (input made beforehand). */
  async 'timeline'(copies) {
    const { observations } = synthesize({ copies });
    const input = [...observations()];
    const timeline = new Timeline();
    const t0 = performance.now();
    for (const o of input) timeline.apply(o);
    const ms = performance.now() - t0;
    // A second pass on a fresh Timeline, timing each call, says which resource the time goes to.
    const byResource = {};
    const timed = new Timeline();
    for (const o of input) {
      const s = performance.now();
      timed.apply(o);
      const key = o.kind === 'watch' ? o.resource : o.kind;
      byResource[key] = (byResource[key] ?? 0) + performance.now() - s;
    }
    const kinds = {};
    for (const o of input) kinds[o.kind === 'watch' ? o.resource : o.kind] = (kinds[o.kind === 'watch' ? o.resource : o.kind] ?? 0) + 1;
    const distinctPods = new Set(input.filter((o) => o.kind === 'watch' && o.resource === 'pods').map((o) => o.object.metadata.uid)).size;
    return { observations: input.length, ms, distinctPods, podsHeld: timeline.pods().length, eventObjects: timeline.events().length, kinds, byResource };
  },

  /** Timeline + LabJudge, timing every judge.observe() call: throughput and verdict latency. */
  async 'judge'(copies, scope = 'pod', budgetMs = '20000') {
    const { startedAt, observations } = synthesize({ copies });
    const input = [...observations()];
    const judge = await openJudge(scope, copies, startedAt);
    const samples = new Float64Array(input.length);
    const t0 = performance.now();
    let n = 0;
    for (const o of input) {
      const s = performance.now();
      judge.observe(o);
      samples[n++] = performance.now() - s;
      if (performance.now() - t0 > Number(budgetMs)) break;
    }
    const ms = performance.now() - t0;
    return { observations: n, of: input.length, ms, latency: percentiles(samples.subarray(0, n)), state: judge.verdicts[0].state, pods: judge.timeline.pods().length };
  },

  /** Peak RSS of the judged replay, with the input made as it is consumed (as from a watch). */
  async 'memory'(copies, scope = 'pod') {
    const { startedAt, observations } = synthesize({ copies });
    const judge = await openJudge(scope, copies, startedAt);
    let n = 0;
    for (const o of observations()) {
      judge.observe(o);
      n++;
    }
    const baseline = process.memoryUsage();
    return { observations: n, maxRssKb: process.resourceUsage().maxRSS, heapUsedMb: baseline.heapUsed / 2 ** 20, pods: judge.timeline.pods().length, events: judge.timeline.events().length };
  },

  /** Verdict latency at lab scale: every real recording judged by its catalogue lab, `rounds` times. */
  async 'fixture-latency'(_copies, rounds = '40') {
    const samples = [];
    const original = LabJudge.prototype.observe;
    LabJudge.prototype.observe = function timed(observation) {
      const s = performance.now();
      const result = original.call(this, observation);
      samples.push(performance.now() - s);
      return result;
    };
    const fixtures = readFixtures();
    const labs = await Promise.all(fixtures.map((f) => catalogueLab(f.recording.header.scenario)));
    for (let round = 0; round < Number(rounds); round++) {
      fixtures.forEach((fixture, i) => judgeRecording(labs[i].lab, fixture.recording, autoWithinFor(labs[i])));
    }
    return { observations: samples.length, recordings: fixtures.length * Number(rounds), latency: percentiles(Float64Array.from(samples)) };
  },

  /**
   * CPU while a 200-pod namespace churns for `seconds` and the ink pods pane re-renders into a
   * fake terminal, throttled by the run store (≤ 10 renders a second). `render=no` measures the
   * same churn without the pane, to tell the UI's share from the timeline's.
   */
  async 'ui'(_copies, withRender = 'yes', seconds = '10') {
    const loaded = await catalogueLab('readiness-exec');
    const store = createRunStore({ loaded, connection: { context: 'bench', server: 'https://127.0.0.1:6443' }, intervalMs: 100 });
    const template = readFixtures().find((f) => f.name === 'readiness-exec').recording.observations.filter((o) => o.kind === 'watch' && o.resource === 'pods').at(-1).object;
    const next = random(11);
    const timeline = new Timeline();
    let version = 1;
    let written = 0;
    let renders = 0;
    const pods = Array.from({ length: 200 }, (_, i) => {
      const pod = structuredClone(template);
      pod.metadata = { ...pod.metadata, name: `churn-${String(i).padStart(3, '0')}`, uid: `churn-uid-${i}` };
      return pod;
    });
    const feed = (type, pod) => {
      pod.metadata.resourceVersion = String(++version);
      const observation = { kind: 'watch', at: Date.now(), resource: 'pods', type, object: structuredClone(pod) };
      store.dispatch({ kind: 'observation', at: observation.at, observation, transitions: timeline.apply(observation) });
    };
    for (const pod of pods) feed('ADDED', pod);

    let instance;
    if (withRender === 'yes') {
      const stdout = Object.assign(
        new Writable({
          write(chunk, _encoding, done) {
            written += chunk.length;
            done();
          },
        }),
        { columns: 160, rows: 60, isTTY: true },
      );
      const pane = () => createElement(PodsTable, { pods: store.getSnapshot().pods, now: Date.now(), width: 160, maxLines: 58 });
      instance = render(pane(), { stdout, patchConsole: false, exitOnCtrlC: false, maxFps: 10 });
      store.subscribe(() => {
        renders++;
        instance.rerender(pane());
      });
    }

    const before = process.cpuUsage();
    const t0 = performance.now();
    // 200 pod updates a second: every pod changes about once a second (READY flips, some restarts).
    const churn = setInterval(() => {
      for (let k = 0; k < 2; k++) {
        const pod = pods[Math.floor(next() * pods.length)];
        const status = pod.status.containerStatuses[0];
        if (next() < 0.1) status.restartCount += 1;
        else status.ready = !status.ready;
        for (const c of pod.status.conditions) if (c.type === 'Ready' || c.type === 'ContainersReady') c.status = status.ready ? 'True' : 'False';
        feed('MODIFIED', pod);
      }
    }, 10);
    await new Promise((resolve) => setTimeout(resolve, Number(seconds) * 1000));
    clearInterval(churn);
    const cpu = process.cpuUsage(before);
    const wallMs = performance.now() - t0;
    instance?.unmount();
    return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, renders, bytesWritten: written, updates: version - 1 - pods.length };
  },
};

const [name, copies = '240', ...rest] = process.argv.slice(2);
const task = tasks[name];
if (!task) {
  console.error(`unknown task ${name}; tasks: ${Object.keys(tasks).join(', ')}`);
  process.exit(2);
}
const result = await task(Number(copies), ...rest);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
