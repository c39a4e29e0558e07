// The pod a manifest object would run: a Pod itself, a workload's spec.template (apps/v1,
// batch/v1), or a CronJob's job template. One place for this, since the oracle, `predict`,
// `list` and the view's probe lines all read manifests this way.

import type { KubeObject, PodSpec } from './kube.js';

const TEMPLATED = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

export interface PodTemplate {
  spec: PodSpec;
  /** The labels the pods get (the Pod's own, or the template's). */
  labels: Record<string, string>;
}

interface TemplateSpec {
  metadata?: { labels?: Record<string, string> };
  spec?: PodSpec;
}

export function podTemplateOf(object: KubeObject): PodTemplate | undefined {
  const spec = object['spec'] as (Partial<PodSpec> & { template?: TemplateSpec; jobTemplate?: { spec?: { template?: TemplateSpec } } }) | undefined;
  let template: TemplateSpec | undefined;
  if (object.kind === 'Pod') template = { metadata: object.metadata, spec: spec as PodSpec | undefined };
  else if (object.kind && TEMPLATED.has(object.kind)) template = spec?.template;
  else if (object.kind === 'CronJob') template = spec?.jobTemplate?.spec?.template;
  return template?.spec?.containers?.length ? { spec: template.spec, labels: template.metadata?.labels ?? {} } : undefined;
}
