// Multi-document YAML → plain objects, each checked for the fields apply needs.

import { parseAllDocuments } from 'yaml';
import { EXIT, UserError } from '../exit-codes.js';
import type { KubeObject } from '../model/kube.js';

export function parseManifests(text: string, source = 'manifests'): KubeObject[] {
  const objects: KubeObject[] = [];
  parseAllDocuments(text).forEach((document, index) => {
    const where = `${source} document ${(index + 1).toString()}`;
    if (document.errors.length > 0) {
      throw new UserError(`${where}: ${document.errors[0]!.message}`, EXIT.badInput);
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) return;
    const items = isList(value) ? value.items : [value];
    for (const item of items) objects.push(checkObject(item, where));
  });
  return objects;
}

function isList(value: unknown): value is { items: unknown[] } {
  const record = value as { kind?: unknown; items?: unknown };
  return typeof record.kind === 'string' && record.kind.endsWith('List') && Array.isArray(record.items);
}

function checkObject(value: unknown, where: string): KubeObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UserError(`${where}: expected a Kubernetes object (a mapping)`, EXIT.badInput);
  }
  const object = value as Partial<KubeObject>;
  if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') {
    throw new UserError(`${where}: apiVersion and kind are required`, EXIT.badInput);
  }
  if (typeof object.metadata?.name !== 'string' || object.metadata.name === '') {
    throw new UserError(`${where}: ${object.kind} needs metadata.name (server-side apply cannot use generateName)`, EXIT.badInput);
  }
  return object as KubeObject;
}
