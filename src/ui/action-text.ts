// One line per thing probelab did to the cluster during a step, for the steps checklist.

import type { ActionObservation } from '../model/observation.js';

export function describeAction(result: ActionObservation): string {
  const detail = result.detail ?? {};
  switch (result.action) {
    case 'exec':
    case 'signal': {
      const exit = result.exitCode === undefined ? '' : ` → exit ${result.exitCode}`;
      return `${result.action} in ${result.pod ?? '?'}: ${(result.command ?? []).join(' ')}${exit}`;
    }
    case 'patchStatus':
      return `patched the status of ${result.pod ?? '?'}`;
    case 'delete':
      return result.pod ? `deleted pod ${result.pod}` : `deleted ${String(detail['object'] ?? 'an object')}`;
    case 'scale':
      return `scaled ${String(detail['deployment'] ?? '?')} to ${String(detail['replicas'] ?? '?')}`;
    case 'apply':
      return `applied ${String(detail['file'] ?? 'a manifest')}`;
    case 'sleep':
      return `waited ${String(detail['duration'] ?? '')}`.trimEnd();
  }
}
