// The labels probelab puts on what it creates, and the names it makes up: a lab namespace is
// `probelab-<lab>-<suffix>`; a run in a namespace the user named (`run -n`) gets the same kind of
// name as its run id, so its objects can be found, and deleted, by label.

import { randomInt } from 'node:crypto';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'probelab';
export const LAB_LABEL = 'probelab.dev/lab';
export const RUN_LABEL = 'probelab.dev/run';
export const MANAGED_SELECTOR = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;

const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A DNS-1123 label (apimachinery validation.IsDNS1123Label): lower-case alphanumerics and '-', ≤ 63. */
export function sanitizeLabName(lab: string): string {
  const cleaned = lab
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  // probelab- (9) + name + -xxxxx (6) must fit 63.
  return (cleaned.slice(0, 48).replace(/-$/, '') || 'lab');
}

/** A label value (apimachinery validation.IsValidLabelValue): ≤ 63, alphanumeric at both ends. */
export function labLabelValue(lab: string): string {
  return lab.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

/** `probelab-<lab>-<5 random [a-z0-9]>`: a namespace name, and a label value too. */
export function labNamespaceName(lab: string, random: (max: number) => number = randomInt): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += SUFFIX_ALPHABET[random(SUFFIX_ALPHABET.length)];
  return `probelab-${sanitizeLabName(lab)}-${suffix}`;
}

/** The labels of a lab namespace, or (with a run id) of everything a run applies into a user's namespace. */
export function labLabels(lab: string, runId?: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [LAB_LABEL]: labLabelValue(lab) || 'lab', ...(runId ? { [RUN_LABEL]: runId } : {}) };
}

export function runSelector(runId: string): string {
  return `${RUN_LABEL}=${runId}`;
}

/** `kubectl delete all,configmaps -n NS -l probelab.dev/run=…`: what a run applied, found by its label. */
export function deleteByLabelCommand(namespace: string, labelSelector: string): string {
  return `kubectl delete all,configmaps -n ${namespace} -l ${labelSelector}`;
}
