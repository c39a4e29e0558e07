// `probelab predict <manifest.yaml | lab.yaml>…`: the probe-timing windows the oracle predicts for
// every pod template, with the probe lines as `kubectl describe pod` prints them. Plain manifests
// (multi-document YAML) are read here; lab files go through src/lab/load.ts.

import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { formatLabError, loadLab } from '../lab/load.js';
import type { KubeObject, PodSpec } from '../model/kube.js';
import { podTemplateOf } from '../model/pod-template.js';
import { EXIT, UserError } from '../exit-codes.js';
import { listProbes, predictionsFor, formatRange, type PredictionRow } from '../probes/index.js';
import { sidecarsOf } from '../probes/sidecars.js';
import type { Command } from './command.js';

interface PodTemplate {
  /** "Deployment/web" */
  owner: string;
  /** The file the object came from. */
  source: string;
  spec: PodSpec;
}

export const command: Command = {
  name: 'predict',
  usage: '<manifest.yaml | lab.yaml>…',
  description:
    'Prints, for every Pod and every Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob pod template in the given manifests (or in a lab\'s spec.manifests), the kubectl-describe line of each probe and the earliest – latest time of each consequence the probe-timing oracle predicts: first READY after start, READY 0/1 after a readiness fault and back after the repair, the liveness kill and restart (with CrashLoopBackOff), startup gating, and how long a deleted pod stays Terminating.',
  options: {},
  optionHelp: {},
  async run({ positionals }, io) {
    if (positionals.length === 0) throw new UserError('name at least one manifest or lab file');
    const blocks: string[] = [];
    for (const file of positionals) {
      const templates = podTemplates(await objectsIn(file));
      if (templates.length === 0) throw new UserError(`${file}: no Pod or pod template in the manifests`);
      for (const template of templates) blocks.push(renderTemplate(template));
    }
    io.out(blocks.join('\n\n'));
    return EXIT.ok;
  },
};

async function objectsIn(file: string): Promise<{ source: string; object: KubeObject }[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const documents = parseAllDocuments(text);
  const objects: KubeObject[] = [];
  for (const doc of Array.isArray(documents) ? documents : [documents]) {
    const error = doc.errors[0];
    if (error) throw new UserError(`${file}: not valid YAML: ${error.message.split('\n')[0]}`);
    const value: unknown = doc.toJS();
    if (value !== null && typeof value === 'object') objects.push(value as KubeObject);
  }
  if (!objects.some((o) => o.kind === 'Lab')) return objects.map((object) => ({ source: file, object }));

  const result = await loadLab(file);
  if (!result.ok) throw new UserError(`${file}: not a valid lab file\n${result.errors.map(formatLabError).join('\n')}`);
  return result.loaded.manifests.flatMap((m) => m.objects.map((object) => ({ source: m.path, object })));
}

function podTemplates(objects: { source: string; object: KubeObject }[]): PodTemplate[] {
  return objects.flatMap(({ source, object }) => {
    const template = podTemplateOf(object);
    return template ? [{ owner: `${object.kind}/${object.metadata?.name ?? '?'}`, source, spec: template.spec }] : [];
  });
}

// What the kubelet does after a liveness or startup kill (kuberuntime_manager.go computePodActions).
const POLICY_NOTE: Record<string, string> = {
  Always: ': a probe kill restarts the container',
  OnFailure: ': a probe kill restarts the container, whatever its exit code',
  Never: ': a probe kill ends the container for good; the pod ends Failed, or Succeeded on exit 0, once no container runs',
};

function renderTemplate(template: PodTemplate): string {
  const rows = predictionsFor(template.spec);
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  const rangeWidth = Math.max(...rows.map((r) => formatRange(r.window).length));
  const line = (row: PredictionRow) => `    ${row.label.padEnd(labelWidth)}   ${formatRange(row.window).padEnd(rangeWidth)}   (${row.window.explanation})`;

  const out = [`${template.owner}  (${template.source})`];
  const probes = listProbes(template.spec);
  for (const [kind, containers] of [['sidecar', sidecarsOf(template.spec)], ['container', template.spec.containers]] as const) {
    for (const container of containers) {
      out.push(`  ${kind} ${container.name}${kind === 'sidecar' ? ' (init container with restartPolicy Always: counts in READY, restarted whatever the pod\'s policy)' : ''}`);
      for (const probe of probes.filter((p) => p.container === container.name)) out.push(`    ${probe.kind.padEnd(9)}  ${probe.text}`);
      out.push(...rows.filter((r) => r.container === container.name).map(line));
    }
  }
  out.push(`  pod (restartPolicy ${template.spec.restartPolicy ?? 'Always'}${POLICY_NOTE[template.spec.restartPolicy ?? 'Always'] ?? ''})`, ...rows.filter((r) => r.container === undefined).map(line));
  return out.join('\n');
}
