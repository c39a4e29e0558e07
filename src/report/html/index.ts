// The HTML timeline of one run: `probelab report --html` for recordings and
// `probelab run --report html` for live runs both end here.

import { renderPage } from './page.js';
import { picture, type HtmlReportInput } from './picture.js';

export type { HtmlReportInput, Picture } from './picture.js';
export { picture } from './picture.js';

/** One self-contained HTML page (inline CSS and SVG, no script) with the run's timeline. */
export function renderHtmlReport(input: HtmlReportInput): string {
  return renderPage(picture(input));
}
