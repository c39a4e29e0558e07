// Reads a lab file: YAML with positions, schema validation, then the checks a schema cannot
// express (manifests exist and parse, names refer to objects the manifests create, aliases are
// defined before use). Every problem comes back as file:line:col plus the field path.

import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { KubeObject } from '../model/kube.js';
import type { Path, Problem } from './problems.js';
import { knownKeys, Lab, type PodRef } from './schema.js';
import { splitTexts, type LabTexts } from './texts.js';
import { checkSource, readSource, type LabError } from './yaml-source.js';

export { formatLabError, type LabError } from './yaml-source.js';

export interface Manifest {
  /** As written in the lab file. */
  path: string;
  absolutePath: string;
  text: string;
  objects: KubeObject[];
}

export interface LoadedLab {
  file: string;
  dir: string;
  lab: Lab;
  /** The learner texts in every language the file gives (`lab` holds their English). */
  texts: LabTexts;
  /** spec.manifests, in order. */
  manifests: Manifest[];
  /** Files named by `apply` actions and `exercise`, by the path as written. */
  extraManifests: Map<string, Manifest>;
}

export type LoadResult = { ok: true; loaded: LoadedLab } | { ok: false; errors: LabError[] };

let keysCache: Set<string> | undefined;

export async function loadLab(file: string): Promise<LoadResult> {
  const source = await readSource(file, 'lab');
  return source.ok ? parseLab(source.text, file) : source;
}

export async function parseLab(text: string, file: string): Promise<LoadResult> {
  const checked = checkSource(text, file, 'lab', Lab, () => (keysCache ??= knownKeys()));
  if (!checked.ok) return checked;
  const { locate } = checked;
  const { lab, texts } = splitTexts(checked.value);
  const dir = dirname(file);
  const problems: Problem[] = [];
  const readManifest = async (path: string, where: Path): Promise<Manifest | undefined> => {
    const result = await loadManifest(dir, path);
    if ('problem' in result) {
      problems.push({ path: where, message: result.problem });
      return undefined;
    }
    return result.manifest;
  };

  const manifests: Manifest[] = [];
  for (const [i, path] of lab.spec.manifests.entries()) {
    const manifest = await readManifest(path, ['spec', 'manifests', i]);
    if (manifest) manifests.push(manifest);
  }
  const extraManifests = new Map<string, Manifest>();
  for (const [s, step] of lab.spec.steps.entries()) {
    for (const [a, action] of (step.do ?? []).entries()) {
      if ('apply' in action && !extraManifests.has(action.apply)) {
        const manifest = await readManifest(action.apply, ['spec', 'steps', s, 'do', a, 'apply']);
        if (manifest) extraManifests.set(action.apply, manifest);
      }
    }
  }
  for (const key of ['start', 'solution'] as const) {
    for (const [i, path] of (lab.spec.exercise?.[key] ?? []).entries()) {
      const manifest = await readManifest(path, ['spec', 'exercise', key, i]);
      if (manifest) extraManifests.set(path, manifest);
    }
  }
  if (problems.length === 0) problems.push(...crossCheck(lab, [...manifests, ...extraManifests.values()]));
  if (problems.length > 0) return { ok: false, errors: problems.map(locate) };
  return { ok: true, loaded: { file, dir, lab, texts, manifests, extraManifests } };
}

async function loadManifest(dir: string, path: string): Promise<{ manifest: Manifest } | { problem: string }> {
  const absolutePath = resolve(dir, path);
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (error) {
    return { problem: `manifest ${JSON.stringify(path)} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  const lineCounter = new LineCounter();
  const objects: KubeObject[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter, prettyErrors: false })) {
    if (!('errors' in doc)) continue;
    const error = doc.errors[0];
    if (error) {
      const pos = lineCounter.linePos(error.pos[0]);
      return { problem: `manifest ${path}:${pos.line}:${pos.col} is not valid YAML: ${error.message.split('\n')[0]}` };
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    const start = lineCounter.linePos(doc.contents?.range[0] ?? 0);
    const object = value as Partial<KubeObject>;
    if (typeof object !== 'object' || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string' || typeof object.metadata?.name !== 'string') {
      return { problem: `manifest ${path}:${start.line}:${start.col} is not a Kubernetes object (needs apiVersion, kind and metadata.name)` };
    }
    objects.push(object as KubeObject);
  }
  if (objects.length === 0) return { problem: `manifest ${JSON.stringify(path)} holds no Kubernetes objects` };
  return { manifest: { path, absolutePath, text, objects } };
}

/** Names a lab refers to must be created by its manifests; aliases must be set before they are used. */
function crossCheck(lab: Lab, manifests: Manifest[]): Problem[] {
  const problems: Problem[] = [];
  const names = (kind: string) => new Set(manifests.flatMap((m) => m.objects.filter((o) => o.kind === kind).map((o) => o.metadata.name)));
  const pods = names('Pod');
  const deployments = names('Deployment');
  const services = names('Service');
  const aliases = new Set<string>();
  const checkRef = (ref: PodRef | undefined, path: Path) => {
    if (ref === undefined || typeof ref !== 'string') return;
    if (ref.startsWith('$')) {
      if (!aliases.has(ref)) problems.push({ path, message: `${ref} is not defined by an earlier action (pick a pod with a selector, or name it with "as:")` });
    } else if (!pods.has(ref)) {
      problems.push({ path, message: `no Pod named "${ref}" in the lab's manifests${pods.size ? ` (Pods: ${[...pods].join(', ')})` : ''}` });
    }
  };
  if (lab.spec.exercise && !lab.spec.verify) {
    problems.push({ path: ['spec', 'exercise'], message: "an exercise is graded by the lab's verify section: add `verify` (target and checks)" });
  }
  const seenSteps = new Set<string>();
  for (const [s, step] of lab.spec.steps.entries()) {
    const at = (...rest: Path): Path => ['spec', 'steps', s, ...rest];
    if (seenSteps.has(step.name)) problems.push({ path: at('name'), message: `step name "${step.name}" is used twice` });
    seenSteps.add(step.name);
    for (const [a, action] of (step.do ?? []).entries()) {
      const target = 'exec' in action ? action.exec : 'signal' in action ? action.signal : 'patchStatus' in action ? action.patchStatus : 'delete' in action && 'pod' in action.delete ? action.delete : undefined;
      if (target) {
        const key = Object.keys(action)[0]!;
        checkRef(target.pod, at('do', a, key, 'pod'));
        if (typeof target.pod === 'object') aliases.add('$picked');
        if ('as' in target && target.as) aliases.add(`$${target.as}`);
      }
      if ('scale' in action && !deployments.has(action.scale.deployment)) {
        problems.push({ path: at('do', a, 'scale', 'deployment'), message: `no Deployment named "${action.scale.deployment}" in the lab's manifests` });
      }
    }
    for (const group of ['expect', 'sequence', 'never'] as const) {
      for (const [e, expectation] of (step[group] ?? []).entries()) {
        if ('pod' in expectation) checkRef(expectation.pod, at(group, e, 'pod'));
        if ('deployment' in expectation && !deployments.has(expectation.deployment)) {
          problems.push({ path: at(group, e, 'deployment'), message: `no Deployment named "${expectation.deployment}" in the lab's manifests` });
        }
        if ('endpoints' in expectation) {
          if (!services.has(expectation.endpoints)) problems.push({ path: at(group, e, 'endpoints'), message: `no Service named "${expectation.endpoints}" in the lab's manifests` });
          for (const key of ['ready', 'notReady', 'terminating', 'absent'] as const) {
            const members = expectation[key];
            if (Array.isArray(members)) members.forEach((ref, i) => checkRef(ref, at(group, e, key, i)));
          }
        }
        if ('event' in expectation) checkRef(expectation.event.object, at(group, e, 'event', 'object'));
      }
    }
  }
  return problems;
}
