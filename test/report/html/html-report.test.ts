// The HTML timeline's structure, checked against what the real recordings contain: a lane per
// container, a marker per fault and per kill, a tick per probe failure, a band per lab step, a
// shaded window per prediction; and that nothing from the cluster reaches the page unescaped.

import { describe, expect, it } from 'vitest';
import { autoWithinFor, consequenceFor, templates } from '../../../src/expect/auto-within.js';
import type { Pod } from '../../../src/model/kube.js';
import type { ActionObservation, EventObservation, Observation } from '../../../src/model/observation.js';
import { predict } from '../../../src/probes/oracle.js';
import type { Recording } from '../../../src/recording/format.js';
import { judgeRecording } from '../../../src/replay/judge-recording.js';
import { picture, renderHtmlReport } from '../../../src/report/html/index.js';
import { FAULT_ACTIONS } from '../../../src/report/html/lanes.js';
import { loadCatalogueLab, readFixture } from '../../support/fixtures.js';
import { recordedRun } from '../runs.js';

function count(html: string, attribute: string): number {
  return html.split(attribute).length - 1;
}

/** Distinct pods (by uid) and their containers, straight from the recording's pod objects. */
function containersIn(recording: Recording): number {
  const pods = new Map<string, Pod>();
  for (const o of recording.observations) if (o.kind === 'watch' && o.resource === 'pods') pods.set(o.object.metadata.uid ?? o.object.metadata.name, o.object);
  return [...pods.values()].reduce((sum, pod) => sum + (pod.spec?.containers.length ?? 0) + (pod.spec?.initContainers?.length ?? 0), 0);
}

function podsIn(recording: Recording): number {
  return new Set(recording.observations.flatMap((o) => (o.kind === 'watch' && o.resource === 'pods' ? [o.object.metadata.uid] : []))).size;
}

/** Each delivery of an event with `reason` whose count rose (or that is new), by event uid. */
function eventDeliveries(recording: Recording, reason: string, message?: RegExp): number {
  const seen = new Map<string, number>();
  let deliveries = 0;
  for (const o of recording.observations) {
    if (o.kind !== 'watch' || o.resource !== 'events') continue;
    const event = (o as EventObservation).object;
    if (event.reason !== reason || (message && !message.test(event.message ?? ''))) continue;
    const key = event.metadata.uid!;
    const before = seen.get(key);
    const now = event.count ?? 1;
    if (before === undefined || now > before) deliveries++;
    seen.set(key, Math.max(now, before ?? 0));
  }
  return deliveries;
}

async function fixtureWithLab(name: string) {
  const recording = await readFixture(name);
  const lab = await loadCatalogueLab(name);
  return { recording, lab, html: renderHtmlReport({ recording, lab }) };
}

describe('renderHtmlReport on a recording judged by its lab', () => {
  it('readiness-exec: a lane per container, a marker per fault, a band per step, a tick per readiness failure', async () => {
    const { recording, lab, html } = await fixtureWithLab('readiness-exec');
    expect(count(html, 'data-kind="pod"')).toBe(podsIn(recording));
    expect(count(html, 'data-kind="lane"')).toBe(containersIn(recording));
    const faults = recording.observations.filter((o): o is ActionObservation => o.kind === 'action' && FAULT_ACTIONS.includes(o.action));
    expect(faults.length).toBeGreaterThan(0);
    expect(count(html, 'data-kind="fault"')).toBe(faults.length);
    for (const fault of faults) expect(html).toContain(`⚡ exec ${fault.command!.join(' ')}`);
    expect(count(html, 'data-kind="step"')).toBe(lab.lab.spec.steps.length);
    const { verdicts } = judgeRecording(lab.lab, recording, autoWithinFor(lab));
    const states = [...html.matchAll(/data-kind="step" data-step="\d+" data-state="([a-z ]+)"/g)].map((m) => m[1]);
    expect(states).toEqual(verdicts.map((v) => v?.state ?? 'not run'));
    expect(count(html, 'data-probe="readiness"')).toBe(eventDeliveries(recording, 'Unhealthy', /^Readiness probe failed/));
    expect(count(html, 'data-probe="liveness"')).toBe(0);
  });

  it('shows the kubectl command of each fault in the recorded namespace, quoted for a shell and escaped for HTML', async () => {
    const exec = await fixtureWithLab('readiness-exec');
    const pod = 'readiness-deployment-774f8b876f-hqx8x';
    expect(exec.html).toContain(`<code class="kubectl">kubectl -n rec-readiness-exec exec ${pod} -c readiness-deployment -- rm /tmp/healthy</code>`);
    expect(exec.html).toContain(`$ kubectl -n rec-readiness-exec exec ${pod} -c readiness-deployment -- touch /tmp/healthy</title>`);
    const gate = await fixtureWithLab('readiness-gate');
    expect(gate.html).toContain(
      `<code class="kubectl">kubectl -n rec-readiness-gate patch pod sample-readinessgate --subresource=status --type=json -p &#39;[{&quot;op&quot;:&quot;add&quot;,&quot;path&quot;:&quot;/status/conditions/-&quot;,&quot;value&quot;:{&quot;type&quot;:&quot;example.com/feature-1&quot;,&quot;status&quot;:&quot;True&quot;}}]&#39;</code>`,
    );
  });

  it('readiness-exec: the broken replica goes not ready inside the window the oracle shades for it', async () => {
    const { recording, lab, html } = await fixtureWithLab('readiness-exec');
    const shot = picture({ recording, lab });
    const breakIndex = lab.lab.spec.steps.findIndex((step) => step.do?.some((a) => 'exec' in a && a.exec.command.includes('/tmp/healthy') && a.exec.command[0] === 'rm'));
    const step = lab.lab.spec.steps[breakIndex]!;
    const band = shot.steps[breakIndex]!;
    const picked = (recording.observations.find((o) => o.kind === 'action' && o.action === 'exec') as ActionObservation).pod!;
    const found = consequenceFor(step.expect!.find((e) => 'pod' in e && e.ready === '0/1'), step, lab.lab.spec.steps, templates(lab))!;
    const window = predict(found.consequence);
    const shaded = band.windows.find((w) => w.pod === picked && w.consequence === found.consequence.kind)!;
    expect(shaded).toBeDefined();
    expect(shaded.from).toBe(band.startedAt! + window.earliestMs);
    expect(shaded.to).toBe(band.startedAt! + window.latestMs);
    const lane = shot.groups.find((g) => g.name === picked)!.containers[0]!;
    const notReady = lane.ready.find((p) => !p.ready && p.at > band.startedAt!)!;
    expect(notReady.at).toBeGreaterThanOrEqual(shaded.from);
    expect(notReady.at).toBeLessThanOrEqual(shaded.to);
    // One shaded element per predicted window, in the SVG.
    expect(count(html, 'data-kind="predicted"')).toBe(shot.steps.flatMap((s) => s.windows).length);
    expect(html).toContain(`data-kind="predicted" data-step="${breakIndex + 1}" data-pod="${picked}"`);
  });

  it("shades the judge's window, predicted for the pod when the fault came, and says where the item fell in it", async () => {
    // The signal came while the initial delay still held the probe back: the judge's window
    // (from the live pod) is later than the one the manifests alone give.
    const recording = await readFixture('liveness-sigusr1-early-fault');
    const lab = await loadCatalogueLab('liveness-sigusr1');
    const shot = picture({ recording, lab });
    const verdict = judgeRecording(lab.lab, recording, autoWithinFor(lab)).verdicts[1]!;
    const killing = verdict.items.find((i) => i.label.startsWith('event Killing'))!;
    const step = lab.lab.spec.steps[1]!;
    const fromManifests = predict(consequenceFor(step.expect![1], step, lab.lab.spec.steps, templates(lab))!.consequence);
    expect(killing.window!.earliestMs).toBeGreaterThan(fromManifests.earliestMs);
    const shaded = shot.steps[1]!.windows.find((w) => w.label.includes('event Killing'))!;
    expect([shaded.from - verdict.startedAt, shaded.to - verdict.startedAt]).toEqual([killing.window!.earliestMs, killing.window!.latestMs]);
    expect(shaded.explanation).toBe(killing.window!.explanation);
    expect(shaded.relation).toBe('within');
    const html = renderHtmlReport({ recording, lab });
    const seen = `seen at +${((killing.at! - Date.parse(recording.header.startedAt)) / 1000).toFixed(1)}s, within the window`;
    expect(html).toContain(`${killing.window!.explanation}; ${seen}`);
  });

  it('liveness-always-500: a Killing marker per kill, restarts with their exit code, liveness ticks', async () => {
    const { recording, html } = await fixtureWithLab('liveness-always-500');
    const kills = eventDeliveries(recording, 'Killing');
    expect(kills).toBeGreaterThan(1);
    expect(count(html, 'data-marker="killing"')).toBe(kills);
    const restarts = Math.max(...recording.observations.flatMap((o) => (o.kind === 'watch' && o.resource === 'pods' ? (o.object.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0) : [])));
    expect(count(html, 'data-marker="restart"')).toBe(restarts);
    expect(html).toContain('↻1 exit 143');
    expect(count(html, 'data-probe="liveness"')).toBe(eventDeliveries(recording, 'Unhealthy', /^Liveness probe failed/));
  });

  it('init-containers: init containers get lanes of their own, without a READY line', async () => {
    const { recording, html } = await fixtureWithLab('init-containers');
    const init = [...html.matchAll(/data-kind="lane" data-container="[^"]+" data-init="true"/g)].length;
    expect(init).toBeGreaterThan(0);
    expect(count(html, 'data-kind="lane"')).toBe(containersIn(recording));
    const shot = picture({ recording });
    const initLanes = shot.groups.flatMap((g) => g.containers.filter((c) => c.init));
    expect(initLanes.length).toBe(init);
    expect(initLanes.every((lane) => lane.running.length > 0 && lane.markers.some((m) => m.kind === 'terminated' && m.label === 'exit 0'))).toBe(true);
  });
});

describe('renderHtmlReport inputs', () => {
  it('a recording without a lab: lanes and faults, no steps, and a note saying why', async () => {
    const recording = await readFixture('readiness-exec');
    const html = renderHtmlReport({ recording });
    expect(count(html, 'data-kind="step"')).toBe(0);
    expect(count(html, 'data-kind="predicted"')).toBe(0);
    expect(count(html, 'data-kind="lane"')).toBe(containersIn(recording));
    expect(html).toContain('No lab was given');
  });

  it('a live run (LabResult) shows its own verdicts, and shades windows only when given the lab', async () => {
    const { result } = await recordedRun();
    const lab = await loadCatalogueLab('readiness-exec');
    const withLab = renderHtmlReport({ result, lab });
    expect(count(withLab, 'data-kind="step"')).toBe(result.stepNames.length);
    const states = [...withLab.matchAll(/data-kind="step" data-step="\d+" data-state="([a-z ]+)"/g)].map((m) => m[1]);
    expect(states).toEqual(result.verdicts.map((v) => v?.state ?? 'not run'));
    expect(count(withLab, 'data-kind="predicted"')).toBeGreaterThan(0);
    expect(count(withLab, 'data-kind="fault"')).toBe(result.observations.filter((o) => o.kind === 'action' && FAULT_ACTIONS.includes(o.action)).length);
    const without = renderHtmlReport({ result });
    expect(count(without, 'data-kind="predicted"')).toBe(0);
    expect(without).toContain('no predicted windows are shaded');
  });
});

describe('the page is self-contained and escapes what the cluster says', () => {
  const at = Date.parse('2026-01-01T00:00:00Z');
  const hostile = '<img src=x onerror=alert(1)>&"\'';
  const recording: Recording = {
    header: { format: 'probelab-recording/v1', scenario: '<script>alert(1)</script>', namespace: 'ns"><b>', startedAt: new Date(at).toISOString() },
    observations: [
      { kind: 'watch', at: at + 100, resource: 'pods', type: 'ADDED', object: { metadata: { name: 'web-0', uid: 'u1', resourceVersion: '1' }, spec: { containers: [{ name: 'app' }] }, status: { containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:00Z' } } }] } } },
      { kind: 'action', at: at + 2000, action: 'exec', pod: 'web-0', container: 'app', command: ['sh', '-c', `echo '${hostile}'`], exitCode: 0, stdout: hostile },
      {
        kind: 'watch',
        at: at + 3000,
        resource: 'events',
        type: 'ADDED',
        object: { metadata: { name: 'e1', uid: 'e1', resourceVersion: '2' }, involvedObject: { kind: 'Pod', name: 'web-0', fieldPath: 'spec.containers{app}' }, reason: 'Unhealthy', type: 'Warning', message: `Readiness probe failed: ${hostile}`, count: 1 },
      },
    ] as Observation[],
  };
  const html = renderHtmlReport({ recording });

  it('escapes names, commands, output and event messages', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('"><b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;');
    // The hostile text still reached the page, in the tick's tooltip and the faults table.
    expect(count(html, 'data-probe="readiness"')).toBe(1);
    expect(count(html, 'data-kind="fault"')).toBe(1);
  });

  it('loads nothing from elsewhere and needs no script', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    // Tags only: the escaped hostile text above does contain "src=".
    expect(html).not.toMatch(/<(script|link|img|iframe|object)\b|<[^>]*\s(src|href)=|@import|url\(/i);
    expect(html.match(/https?:\/\/[^"]*/g)).toEqual(['http://www.w3.org/2000/svg']);
  });
});
