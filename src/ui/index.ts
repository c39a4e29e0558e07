// The terminal UI: the run view for `probelab run`, and its panes for `watch` and `replay`.

export { renderRun, type RenderRunOptions, type RunHandle } from './render-run.js';
export { createRunStore, type RunStore, type RunStoreOptions, type ViewStoreOptions } from './run-store.js';
export { RunApp, type RunAppProps } from './run-app.js';
export { initialRunViewState, initialViewState, reduceRunView, activeStepIndex, type RunViewState, type RunViewAction, type StepRow, type PodRow } from './run-view-state.js';
export { ThemeContext, themeFromEnv, type Theme } from './theme.js';
export { Header } from './header.js';
export { StepsPane } from './steps-pane.js';
export { PodsTable, HIGHLIGHT_MS } from './pods-table.js';
export { EndpointsPane } from './endpoints-pane.js';
export { EventsPane } from './events-pane.js';
export { ProbesPane } from './probes-pane.js';
export { OutcomePane } from './outcome-pane.js';
export { Markdown } from './markdown.js';
export { replayFrame, SEEK_MS, type ReplayFrameOptions } from './replay-frame.js';
export { WATCH_FRAME } from './watch-frame.js';
export type { ViewFrame } from './view-frame.js';
