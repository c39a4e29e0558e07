// Public API of the probe-timing oracle: defaults, kubectl-describe probe lines, and windows.
export { DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS, PROBE_DEFAULTS, effectiveProbe, podGracePeriodSeconds, type EffectiveProbe, type ProbeHandler } from './defaults.js';
export { describeProbe, listProbes, type ProbeKind, type ProbeLine } from './describe.js';
export { AUTO_SLACK, OracleError, autoDeadlineMs, predict, type Consequence, type FaultKind, type RestartOptions } from './oracle.js';
export { backOffInForceMs } from './backoff.js';
export { gracePeriodSeconds, guessSigterm, type KillReason, type SigtermBehaviour } from './stop.js';
export { predictionsFor, type PredictionRow } from './table.js';
export { formatRange, formatSeconds, type Term, type Window } from './window.js';
