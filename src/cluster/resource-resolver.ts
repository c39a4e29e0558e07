// Maps a kind (from a manifest, or a lab step's `kind: Deployment`) to its REST path through API
// discovery (GET /api/v1, /apis/<group>/<version>), like kubectl's RESTMapper: the resource name
// and whether it is namespaced come from the server, not from a table that could go stale.

import { EXIT, UserError } from '../exit-codes.js';
import type { ApiClient } from './api-client.js';

export interface ResolvedResource {
  apiVersion: string;
  kind: string;
  /** Plural resource name, e.g. `deployments`. */
  resource: string;
  namespaced: boolean;
}

interface ApiResourceList {
  resources: { name: string; kind: string; namespaced: boolean; singularName?: string; shortNames?: string[] }[];
}

/** The usual home of kinds that a lab names without an apiVersion. */
const DEFAULT_API_VERSIONS: Record<string, string> = {
  pod: 'v1',
  service: 'v1',
  configmap: 'v1',
  secret: 'v1',
  serviceaccount: 'v1',
  endpoints: 'v1',
  event: 'v1',
  persistentvolumeclaim: 'v1',
  namespace: 'v1',
  deployment: 'apps/v1',
  replicaset: 'apps/v1',
  statefulset: 'apps/v1',
  daemonset: 'apps/v1',
  job: 'batch/v1',
  cronjob: 'batch/v1',
  endpointslice: 'discovery.k8s.io/v1',
  ingress: 'networking.k8s.io/v1',
  networkpolicy: 'networking.k8s.io/v1',
  horizontalpodautoscaler: 'autoscaling/v2',
  poddisruptionbudget: 'policy/v1',
};

const PLURALS: Record<string, string> = { endpoints: 'endpoints', ingresses: 'ingress', networkpolicies: 'networkpolicy' };

/** `Deployment`, `deployment`, `deployments` → `deployment` (the key of DEFAULT_API_VERSIONS). */
export function normalizeKind(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower in DEFAULT_API_VERSIONS) return lower;
  if (lower in PLURALS) return PLURALS[lower]!;
  if (lower.endsWith('s') && lower.slice(0, -1) in DEFAULT_API_VERSIONS) return lower.slice(0, -1);
  return lower;
}

export function defaultApiVersion(kind: string): string | undefined {
  return DEFAULT_API_VERSIONS[normalizeKind(kind)];
}

export function apiVersionPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

export function resourcePath(resolved: ResolvedResource, namespace: string | undefined, name?: string): string {
  const parts = [apiVersionPath(resolved.apiVersion)];
  if (resolved.namespaced && namespace) parts.push('namespaces', encodeURIComponent(namespace));
  parts.push(resolved.resource);
  if (name !== undefined) parts.push(encodeURIComponent(name));
  return parts.join('/');
}

export class ResourceResolver {
  private readonly cache = new Map<string, Promise<ApiResourceList | undefined>>();

  constructor(private readonly api: ApiClient) {}

  private discover(apiVersion: string): Promise<ApiResourceList | undefined> {
    let entry = this.cache.get(apiVersion);
    if (!entry) {
      entry = this.api.jsonOrUndefined<ApiResourceList>('GET', apiVersionPath(apiVersion), { what: `discover ${apiVersion}` });
      // A failed discovery must not be cached, or one network blip would poison every later apply.
      entry.catch(() => this.cache.delete(apiVersion));
      this.cache.set(apiVersion, entry);
    }
    return entry;
  }

  async resolve(apiVersion: string, kind: string): Promise<ResolvedResource> {
    const list = await this.discover(apiVersion);
    const wanted = kind.toLowerCase();
    const match = list?.resources.find(
      (entry) => !entry.name.includes('/') && (entry.kind.toLowerCase() === wanted || entry.name === wanted || entry.singularName === wanted || entry.shortNames?.includes(wanted)),
    );
    if (!match) {
      throw new UserError(`the cluster does not serve kind ${kind} in ${apiVersion}${list ? '' : ` (API group version ${apiVersion} not found)`}`, EXIT.badInput);
    }
    return { apiVersion, kind: match.kind, resource: match.name, namespaced: match.namespaced };
  }

  /** For a kind named without apiVersion (`Deployment`, `pods`). */
  async resolveKind(kind: string): Promise<ResolvedResource> {
    const apiVersion = defaultApiVersion(kind);
    if (!apiVersion) {
      throw new UserError(`unknown kind "${kind}"; probelab knows ${Object.keys(DEFAULT_API_VERSIONS).join(', ')}`, EXIT.badInput);
    }
    return this.resolve(apiVersion, normalizeKind(kind));
  }
}
