// One measurement per process: `node bench/tasks.js <task> [copies] [args…]` prints one JSON line.
// bench/run.js starts each in its own process so that memory and CPU figures are that task's alone.
// Only the modules a task needs are loaded (the UI's only by the UI task), so a process's memory
// is what that task's code holds.

import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { LabJudge } from '../dist/expect/lab-judge.js';
import { autoWithinFor } from '../dist/expect/auto-within.js';
import { loadLab } from '../dist/lab/load.js';
import { judgeRecording } from '../dist/replay/judge-recording.js';
import { Timeline } from '../dist/timeline/timeline.js';
import { startApiDouble } from './api-double.js';
import { percentiles } from './stats.js';
import { random, readFixtures, synthesize } from './synthesize.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const LABS = new URL('../labs/', import.meta.url);
const HOUR = 3_600_000;
/** Observations made ahead of the clock at a time: a watch hands them over one by one. */
const CHUNK = 100;
/** Timed passes over the stream, each on a fresh consumer: the median one is reported. */
const PASSES = 5;

/**
 * Collects what the previous pass left behind (with node --expose-gc, as bench/run.js starts
 * these tasks), so no pass pays for its predecessor's garbage.
 */
function settle() {
  globalThis.gc?.();
}

/** The run with the median CPU time. */
function median(runs) {
  return [...runs].sort((a, b) => a.cpuMs - b.cpuMs)[Math.floor(runs.length / 2)];
}

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

/**
 * The stream as a watch receives it: one JSON text per observation, made before any clock starts.
 * timed() parses a chunk at a time before that chunk's clock starts.
 */
function received(observations) {
  const texts = [];
  for (const o of observations()) texts.push(JSON.stringify(o));
  return texts;
}

/**
 * Feeds the stream to `apply`, timing only `apply`: each chunk of observations is parsed before
 * its clock starts, and each observation is let go once applied, so the heap holds what the
 * consumer holds plus at most one chunk, as when a watch delivers them one by one. Wall time,
 * and the main thread's CPU time (what the code costs when it has a core to itself).
 */
function timed(texts, apply, { budgetMs = Infinity, sample } = {}) {
  let n = 0;
  let ms = 0;
  let cpuMs = 0;
  for (let start = 0; start < texts.length && ms <= budgetMs; start += CHUNK) {
    const chunk = texts.slice(start, start + CHUNK).map((text) => JSON.parse(text));
    const cpu = process.threadCpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < chunk.length; i++) {
      if (sample) {
        const s = performance.now();
        apply(chunk[i]);
        sample(performance.now() - s);
      } else apply(chunk[i]);
      chunk[i] = undefined;
    }
    ms += performance.now() - t0;
    const used = process.threadCpuUsage(cpu);
    cpuMs += (used.user + used.system) / 1000;
    n += chunk.length;
  }
  return { observations: n, ms, cpuMs };
}

async function warmUpJudge(texts, scope, copies, startedAt) {
  const spare = await openJudge(scope, copies, startedAt);
  warmUp(texts, () => (o) => spare.observe(o));
}

/** One untimed pass over the stream on a throwaway consumer, so the timed pass runs compiled code. */
function warmUp(texts, consumer) {
  const apply = consumer();
  for (const text of texts) apply(JSON.parse(text));
}

const resourceOf = (o) => (o.kind === 'watch' ? o.resource : o.kind);

const tasks = {
  /** Observations per second through a Timeline alone. */
  async 'timeline'(copies) {
    const { observations, total } = synthesize({ copies });
    const texts = received(observations);
    warmUp(texts, () => {
      const warm = new Timeline();
      return (o) => warm.update(o);
    });
    let timeline;
    const runs = Array.from({ length: PASSES }, () => {
      timeline = undefined;
      settle();
      timeline = new Timeline();
      return timed(texts, (o) => timeline.update(o));
    });
    // One more pass, timing each call, says which resource the time goes to.
    const byResource = {};
    const kinds = {};
    const timedCall = new Timeline();
    for (const text of texts) {
      const o = JSON.parse(text);
      const s = performance.now();
      timedCall.update(o);
      const key = resourceOf(o);
      byResource[key] = (byResource[key] ?? 0) + performance.now() - s;
      kinds[key] = (kinds[key] ?? 0) + 1;
    }
    return { ...median(runs), passes: runs, of: total, podsHeld: timeline.pods().length, eventObjects: timeline.events().length, kinds, byResource };
  },

  /** Timeline + LabJudge, timing every judge.observe() call: throughput and verdict latency. */
  async 'judge'(copies, scope = 'pod', budgetMs = '20000') {
    const { startedAt, observations, total } = synthesize({ copies });
    const texts = received(observations);
    await warmUpJudge(texts, scope, copies, startedAt);
    const samples = [];
    const runs = [];
    let judge;
    for (let pass = 0; pass < PASSES; pass++) {
      judge = undefined;
      settle();
      judge = await openJudge(scope, copies, startedAt);
      const times = new Float64Array(total);
      let n = 0;
      runs.push(timed(texts, (o) => judge.observe(o), { budgetMs: Number(budgetMs), sample: (ms) => (times[n++] = ms) }));
      samples.push(times.subarray(0, n));
    }
    const all = new Float64Array(samples.reduce((sum, s) => sum + s.length, 0));
    samples.reduce((at, s) => (all.set(s, at), at + s.length), 0);
    return { ...median(runs), passes: runs, of: total, latency: percentiles(all), state: judge.verdicts[0].state, pods: judge.timeline.podObjects().length };
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
    const maxRssKb = process.resourceUsage().maxRSS;
    const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    globalThis.gc?.();
    return {
      observations: n,
      maxRssKb,
      heldMb: process.memoryUsage().heapUsed / 2 ** 20,
      youngMb: (young?.space_size ?? 0) / 2 ** 20,
      pods: judge.timeline.podObjects().length,
      events: judge.timeline.events().length,
    };
  },

  /** The memory task's process without the judge: the stream and the modules alone. */
  async 'memory-baseline'(copies) {
    const { observations } = synthesize({ copies });
    await catalogueLab('readiness-exec');
    let n = 0;
    for (const o of observations()) n += o.at > 0 ? 1 : 0;
    const maxRssKb = process.resourceUsage().maxRSS;
    globalThis.gc?.();
    return { observations: n, maxRssKb, heldMb: process.memoryUsage().heapUsed / 2 ** 20 };
  },

  /** Verdict latency at lab scale: every real recording judged by its catalogue lab, `rounds` times. */
  async 'fixture-latency'(_copies, rounds = '40') {
    const samples = [];
    const original = LabJudge.prototype.observe;
    LabJudge.prototype.observe = function timedObserve(observation) {
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
   * `probelab verify LAB --namespaces 'student-*'` as a user runs it (node dist/cli.js, a child
   * process), against the protocol-level double of bench/api-double.js serving `count` student
   * namespaces: wall time from spawn to exit, and the requests the double answered.
   */
  async 'verify'(_copies, count = '100', delayMs = '0') {
    const namespaces = await studentNamespaces(Number(count));
    const double = await startApiDouble(namespaces, { delayMs: Number(delayMs) });
    const { dir, file } = double.kubeconfig();
    try {
      const t0 = performance.now();
      const child = spawn(process.execPath, ['dist/cli.js', 'verify', 'labs/readiness-exec.yaml', '--namespaces', 'student-*', '--kubeconfig', file], { cwd: ROOT, env: { ...process.env, HOME: dir } });
      let stdout = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stdout += chunk));
      const status = await new Promise((resolve) => child.on('exit', resolve));
      const wallMs = performance.now() - t0;
      const graded = /(\d+) of (\d+) namespaces passed every check/.exec(stdout);
      if (!graded) throw new Error(`verify printed no summary (exit ${status}):\n${stdout}`);
      const byKind = {};
      for (const request of double.requests) {
        const route = request.replace(/\?.*$/, '').replace(/namespaces\/[^/]+\//, 'namespaces/NS/');
        byKind[route] = (byKind[route] ?? 0) + 1;
      }
      return { namespaces: Number(graded[2]), perfect: Number(graded[1]), status, wallMs, requests: double.requests.length, byKind, delayMs: Number(delayMs) };
    } finally {
      await double.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },

  /**
   * CPU while a 200-pod namespace churns for `seconds` and the ink pods pane re-renders into a
   * fake terminal, throttled by the run store (≤ 10 renders a second). `render=no` measures the
   * same churn without the pane, to tell the UI's share from the timeline's.
   */
  async 'ui'(_copies, withRender = 'yes', seconds = '10') {
    const { Writable } = await import('node:stream');
    const { createElement } = await import('react');
    const { render } = await import('ink');
    const { createRunStore } = await import('../dist/ui/run-store.js');
    const { PodsTable } = await import('../dist/ui/pods-table.js');
    const { messagesFor } = await import('../dist/i18n/messages.js');
    const loaded = await catalogueLab('readiness-exec');
    const store = createRunStore({ loaded, connection: { context: 'bench', server: 'https://127.0.0.1:6443' }, lang: 'en', intervalMs: 100 });
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
      const pane = () => createElement(PodsTable, { pods: store.getSnapshot().pods, now: Date.now(), width: 160, maxLines: 58, m: messagesFor('en') });
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

/**
 * A class of `count` students who did readiness-exec: each namespace holds the lab's Deployment
 * and Service as applied, and the pods and events the real cluster had at the end of
 * readiness-exec.jsonl. Every 4th student probes every 10 s instead of 3, every 10th has no
 * Service, every 25th applied nothing: grading does the work it does for a real class.
 */
async function studentNamespaces(count) {
  const loaded = await catalogueLab('readiness-exec');
  const applied = loaded.manifests.flatMap((m) => m.objects);
  const recording = readFixtures().find((f) => f.name === 'readiness-exec').recording;
  const last = new Map();
  for (const o of recording.observations) {
    if (o.kind !== 'watch' || (o.resource !== 'pods' && o.resource !== 'events')) continue;
    const key = `${o.resource}/${o.object.metadata.uid}`;
    if (o.type === 'DELETED') last.delete(key);
    else last.set(key, { ...o.object, kind: o.resource === 'pods' ? 'Pod' : 'Event' });
  }
  const namespaces = new Map([['kube-system', { labels: {}, objects: [] }]]);
  for (let i = 0; i < count; i++) {
    const name = `student-${String(i).padStart(3, '0')}`;
    const objects = [];
    if (i % 25 !== 24) {
      for (const object of [...applied, ...last.values()]) {
        if (object.kind === 'Service' && i % 10 === 9) continue;
        const copy = structuredClone(object);
        copy.metadata = { ...copy.metadata, namespace: name };
        if (copy.kind === 'Deployment' && i % 4 === 3) copy.spec.template.spec.containers[0].readinessProbe.periodSeconds = 10;
        objects.push(copy);
      }
    }
    namespaces.set(name, { labels: { course: 'k8s-101' }, objects });
  }
  return namespaces;
}

const [name, copies = '240', ...rest] = process.argv.slice(2);
const task = tasks[name];
if (!task) {
  console.error(`unknown task ${name}; tasks: ${Object.keys(tasks).join(', ')}`);
  process.exit(2);
}
const result = await task(Number(copies), ...rest);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
