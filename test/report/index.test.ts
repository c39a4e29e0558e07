// renderReport: one entry point per --reporter name, over the same results and logs.

import { describe, expect, it } from 'vitest';
import { HeadlessLog, renderReport, REPORTER_NAMES, summaryTable } from '../../src/report/index.js';
import { renderJson } from '../../src/report/json.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderTap } from '../../src/report/tap.js';
import { expectRestart, recordedRun } from './runs.js';

describe('renderReport', () => {
  it('renders each reporter from the same results and headless logs', async () => {
    const runs = [await recordedRun(), await recordedRun({ edit: expectRestart })];
    runs[1]!.result.lab = 'broken';
    const log = new HeadlessLog(runs.map((run) => ({ name: run.result.lab, steps: run.stepNames })));
    for (const run of runs) for (const event of run.events) log.lines(run.result.lab, event);
    const results = runs.map((run) => run.result);
    const logs = log.logs();
    expect(REPORTER_NAMES).toEqual(['line', 'junit', 'json', 'tap']);
    expect(renderReport('line', results, logs)).toBe(summaryTable(results));
    expect(renderReport('line', results, logs).trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed');
    expect(renderReport('junit', results, logs)).toBe(renderJunit(results, logs));
    expect(renderReport('junit', results, logs)).toContain('<system-out>+0.0s broken namespace rec-readiness-exec created');
    expect(JSON.parse(renderReport('json', results, logs)).labs[1].log).toEqual(logs.get('broken'));
    expect(renderReport('json', results, logs)).toBe(renderJson(results, logs));
    expect(renderReport('tap', results, logs)).toBe(renderTap(results));
    for (const name of REPORTER_NAMES) expect(renderReport(name, results, logs).endsWith('\n')).toBe(true);
  });
});
