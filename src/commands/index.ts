// Every sub-command, in the order `probelab --help` lists them. Modules load lazily so that
// `probelab --help` stays fast and one command's dependencies (ink, the Kubernetes client) are
// not paid for by another.

import type { Command } from './command.js';

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const commands: CommandEntry[] = [
  { name: 'run', summary: 'run labs on the cluster: live view in a terminal, line log and reports in CI', load: async () => (await import('./run.js')).command },
  { name: 'validate', summary: 'check lab files (schema, manifests) and print every problem', load: async () => (await import('./validate.js')).command },
  { name: 'list', summary: 'list the labs in a directory: probes, faults, estimated duration', load: async () => (await import('./list.js')).command },
  { name: 'predict', summary: 'print the probe-timing windows the oracle predicts for a lab or manifest', load: async () => (await import('./predict.js')).command },
  { name: 'watch', summary: 'show a namespace live without a lab: pods, endpoints, events, probes (read-only)', load: async () => (await import('./watch.js')).command },
  { name: 'record', summary: 'record a namespace (pods, endpoints, events) to a JSON-lines file', load: async () => (await import('./record.js')).command },
  { name: 'replay', summary: 'play a recording in the live view, or judge it with a lab (the same core as a live run)', load: async () => (await import('./replay.js')).command },
  { name: 'report', summary: 'write the HTML timeline of a recording or a run', load: async () => (await import('./report.js')).command },
  { name: 'verify', summary: "grade students' namespaces against a lab's verify checks (read-only): score, reasons, grade book", load: async () => (await import('./verify.js')).command },
  { name: 'exercise', summary: "a lab's exercise for a student: start it in a namespace, check it (live with --watch), finish it", load: async () => (await import('./exercise.js')).command },
  { name: 'workshop', summary: 'a workshop of labs: rehearse them all on the class cluster (check), or grade every student (verify)', load: async () => (await import('./workshop.js')).command },
  { name: 'doctor', summary: 'check the connection, the context guard and the RBAC permissions probelab needs', load: async () => (await import('./doctor.js')).command },
  { name: 'clean', summary: 'delete namespaces left behind by earlier runs (by label), after listing them', load: async () => (await import('./clean.js')).command },
  { name: 'schema', summary: 'print the lab file JSON Schema (for editors)', load: async () => (await import('./schema.js')).command },
];
