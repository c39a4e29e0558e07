// The reports `probelab run --reporter` can write, from finished LabResults and each lab's
// headless log (HeadlessLog.logs()).

import type { LabResult } from '../runner/events.js';
import { summaryTable } from './headless.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderTap } from './tap.js';

export type ReporterName = 'line' | 'junit' | 'json' | 'tap';

export const REPORTER_NAMES: readonly ReporterName[] = ['line', 'junit', 'json', 'tap'];

/** The whole report as text ending in a newline; `line` is the summary table under the line log. */
export function renderReport(name: ReporterName, results: LabResult[], logs: Map<string, string[]>): string {
  switch (name) {
    case 'line':
      return summaryTable(results);
    case 'junit':
      return renderJunit(results, logs);
    case 'json':
      return renderJson(results, logs);
    case 'tap':
      return renderTap(results);
  }
}

export { HeadlessLog, labHeader, summaryTable, type LabHeader } from './headless.js';
export { OUTSIDE_STEPS } from './junit.js';
export { REPORT_API_VERSION, type JsonReport } from './json.js';
