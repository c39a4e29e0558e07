// The JUnit report: parsed back with a strict XML parser and checked against the structure rules
// of the Jenkins junit-10.xsd (restated in junit-10-subset.xsd, read by this test).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HeadlessLog } from '../../src/report/headless.js';
import { OUTSIDE_STEPS, renderJunit } from '../../src/report/junit.js';
import type { LabResult } from '../../src/runner/events.js';
import { madeResult, NASTY, nastyResult } from './made.js';
import { APPLY_ERROR, cutPodsWatch, expectRestart, recordedRun, refuseApply, type RecordedRun } from './runs.js';
import { childElements, parseXml, textOf, type XmlElement } from './xml.js';
import { compileSchema, validate } from './xsd.js';

const schema = compileSchema(parseXml(readFileSync(new URL('./junit-10-subset.xsd', import.meta.url), 'utf8')));

function logsOf(runs: RecordedRun[]): Map<string, string[]> {
  const log = new HeadlessLog(runs.map((run) => ({ name: run.result.lab, steps: run.stepNames })));
  for (const run of runs) for (const event of run.events) log.lines(run.result.lab, event);
  return log.logs();
}

function parsed(results: LabResult[], logs?: Map<string, string[]>): XmlElement {
  const xml = renderJunit(results, logs);
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const root = parseXml(xml);
  expect(validate(root, schema, 'testsuites')).toEqual([]);
  return root;
}

const suites = (root: XmlElement) => childElements(root, 'testsuite');
const cases = (suite: XmlElement) => childElements(suite, 'testcase');
const only = (element: XmlElement, name: string) => {
  const found = childElements(element, name);
  expect(found, `<${element.name} name="${element.attributes.name}"> should hold one <${name}>`).toHaveLength(1);
  return found[0]!;
};

/** The counts a suite claims must be the counts of what it holds. */
function expectConsistentCounts(suite: XmlElement): void {
  const all = cases(suite);
  const holding = (name: string) => all.filter((c) => childElements(c, name).length > 0).length;
  expect(suite.attributes).toMatchObject({
    tests: String(all.length),
    failures: String(holding('failure')),
    errors: String(holding('error')),
    skipped: String(holding('skipped')),
  });
}

describe('renderJunit', () => {
  it('writes a suite per lab and a case per step for a passing and a failing recorded run', async () => {
    const good = await recordedRun();
    const bad = await recordedRun({ edit: expectRestart });
    bad.result.lab = 'readiness-exec-broken';
    const root = parsed([good.result, bad.result], logsOf([good, bad]));
    const [passing, failing] = suites(root);
    expect(suites(root)).toHaveLength(2);
    expect(root.attributes).toMatchObject({ tests: '6', failures: '1', errors: '0' });

    expect(passing!.attributes).toMatchObject({ name: 'readiness-exec', tests: '3', failures: '0', skipped: '0', timestamp: new Date(good.result.startedAt).toISOString().slice(0, 19) });
    expect(Number(passing!.attributes.time)).toBeCloseTo((good.result.finishedAt - good.result.startedAt) / 1000, 3);
    expect(cases(passing!).map((c) => [c.attributes.classname, c.attributes.name, childElements(c).length])).toEqual(good.stepNames.map((name) => ['readiness-exec', name, 0]));
    const step2 = good.result.verdicts[1]!;
    expect(Number(cases(passing!)[1]!.attributes.time)).toBeCloseTo((step2.at! - step2.startedAt) / 1000, 3);

    expectConsistentCounts(failing!);
    const [, broken, notRun] = cases(failing!);
    const failure = only(broken!, 'failure');
    const verdict = bad.result.verdicts[1]!;
    expect(failure.attributes.message).toBe(verdict.reason);
    const body = textOf(failure);
    for (const line of verdict.evidence) expect(body).toContain(line);
    for (const item of verdict.items) expect(body).toContain(item.label);
    expect(body).toMatch(/^ {2}pending +pod \$picked .* RESTARTS \+1 \(seen: RESTARTS 0 → 0\)$/m);
    expect(only(notRun!, 'skipped').attributes.message).toBe('not run: step 2 failed');

    // The lab's headless log is the suite's system-out, line for line.
    expect(textOf(only(failing!, 'system-out')).split('\n')).toEqual(logsOf([bad]).get('readiness-exec-broken'));
  });

  it('tells in the suite\'s system-out when a watch was cut and when it was back', async () => {
    const run = await recordedRun({ edit: expectRestart, cluster: cutPodsWatch });
    const [suite] = suites(parsed([run.result], logsOf([run])));
    const out = textOf(only(suite!, 'system-out')).split('\n');
    const lost = out.findIndex((line) => / watch pods lost: connection refused \(ECONNREFUSED\); resuming from resourceVersion 4711$/.test(line));
    const back = out.findIndex((line) => / watch pods resumed after 4\.5s \(relist: 0 changes missed\)$/.test(line));
    expect(lost).toBeGreaterThan(0);
    expect(back).toBeGreaterThan(lost);
    // The failed step says its evidence had a gap.
    expect(only(cases(suite!)[1]!, 'failure').attributes.message).toMatch(/ The pods watch was down for 4\.5s of this step\.$/);
  });

  it('puts an error outside any step into a test case of its own, and skips the steps', async () => {
    const run = await recordedRun({ cluster: refuseApply });
    const root = parsed([run.result]);
    const suite = only(root, 'testsuite');
    expectConsistentCounts(suite);
    expect(suite.attributes).toMatchObject({ tests: '4', errors: '1', skipped: '3', failures: '0' });
    const outside = cases(suite).find((c) => c.attributes.name === OUTSIDE_STEPS)!;
    const error = only(outside, 'error');
    expect(error.attributes).toMatchObject({ message: APPLY_ERROR, type: 'error' });
    expect(textOf(error)).toBe(APPLY_ERROR);
    expect(cases(suite).filter((c) => childElements(c, 'skipped').length > 0).map((c) => only(c, 'skipped').attributes.message)).toEqual(
      Array(3).fill(`not run: the run stopped (${APPLY_ERROR})`),
    );
  });

  it('marks the step an interrupt abandoned as an error, not a failure', async () => {
    const run = await recordedRun({ interruptWhen: (event) => event.kind === 'stepStarted' && event.index === 1 });
    const suite = only(parsed([run.result]), 'testsuite');
    expectConsistentCounts(suite);
    const [first, second, third] = cases(suite);
    expect(childElements(first!)).toEqual([]);
    expect(only(second!, 'error').attributes).toMatchObject({ message: 'interrupted', type: 'interrupted' });
    expect(childElements(third!, 'skipped')).toHaveLength(1);
    expect(cases(suite).some((c) => c.attributes.name === OUTSIDE_STEPS)).toBe(false);
  });

  it('escapes markup, keeps line breaks in attributes, and writes characters XML cannot hold as \\uXXXX', () => {
    const result = nastyResult();
    const root = parsed([result], new Map([['xml-edge', [`+0.0s ${NASTY}`]]]));
    const suite = only(root, 'testsuite');
    expect(cases(suite).map((c) => c.attributes.name)).toEqual(result.stepNames);
    const failure = only(cases(suite)[1]!, 'failure');
    const legal = NASTY.replace(/\u001b/g, '\\u001b').replace('\u0000', '\\u0000').replace('\ud800', '\ufffd');
    expect(failure.attributes.message).toBe(legal);
    expect(failure.attributes.message).toContain('\n');
    expect(failure.attributes.message).toContain('\t');
    expect(failure.attributes.message).toContain('😀');
    expect(textOf(failure)).toContain(`event Warning Unhealthy (x3): ${legal}`);
    expect(textOf(only(suite, 'system-out'))).toBe(`+0.0s ${legal}`);
    expect(textOf(failure)).toMatch(/^ {2}pending +never pod web-1 RESTARTS \+1/m);
  });

  it('writes an empty report that is still valid', () => {
    const root = parsed([]);
    expect(root.attributes).toMatchObject({ tests: '0', failures: '0', errors: '0', time: '0.000' });
    expect(suites(root)).toEqual([]);
  });

  it('keeps a step that never settled as a failure, with the run still counted', () => {
    const result = madeResult({
      lab: 'hang',
      stepNames: ['a'],
      verdicts: [{ step: 'a', state: 'pending', startedAt: 0, deadline: 1, evidence: [], items: [] }],
      outcome: 'failed',
      startedAt: 0,
      finishedAt: 1_000,
    });
    const suite = only(parsed([result]), 'testsuite');
    expectConsistentCounts(suite);
    expect(only(cases(suite)[0]!, 'failure').attributes.message).toBe('the step did not finish before the run ended.');
  });
});

describe('the junit-10 structure check itself', () => {
  it('rejects what the schema forbids', () => {
    const problems = (xml: string) => validate(parseXml(xml), schema, 'testsuites');
    expect(problems('<testsuites><testsuite name="a" tests="1" failures="0"/></testsuites>')).toEqual(['/testsuites/testsuite[0]: required attribute errors is missing']);
    expect(problems('<testsuites skipped="1"/>')).toEqual(['/testsuites: attribute skipped is not allowed']);
    expect(problems('<testsuites time="1e3"/>')[0]).toMatch(/time="1e3" does not match/);
    expect(problems('<testsuites><testsuite name="a" tests="0" failures="0" errors="0"><error/></testsuite></testsuites>')[0]).toMatch(/children error do not fit/);
    expect(problems('<testsuites><testcase name="a"/></testsuites>')[0]).toMatch(/children testcase do not fit/);
    expect(problems('<testsuites>text</testsuites>')[0]).toMatch(/text is not allowed/);
    expect(problems('<testsuites><testsuite name="a" tests="0" failures="0" errors="0"><system-out><b/></system-out></testsuite></testsuites>')[0]).toMatch(/holds text only/);
    expect(problems('<testsuite name="a" tests="0" failures="0" errors="0"/>')).toEqual(['/testsuite: the root element must be <testsuites>']);
  });

  it('rejects XML a real parser would refuse', () => {
    expect(() => parseXml('<a>x & y</a>')).toThrow(/unterminated reference/);
    expect(() => parseXml('<a>\u001b</a>')).toThrow(/U\+001b is not allowed/);
    expect(() => parseXml('<a b="<"/>')).toThrow(/raw </);
    expect(() => parseXml('<a><b></a>')).toThrow(/<\/a> closes <b>/);
    expect(() => parseXml('<a>]]></a>')).toThrow(/]]>/);
    expect(parseXml('<a b="x\ny&#10;z"/>').attributes.b).toBe('x y\nz');
  });
});
