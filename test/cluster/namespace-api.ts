// A protocol-level test server scripted as one namespace's API, as far as `probelab run -n`,
// `probelab run` and `doctor -n` use it. It is NOT a Kubernetes API: it keeps the objects it is
// sent in a map, answers lists and watches of them, and has no controllers (a test that wants the
// pods a Deployment would make adds them itself, and a deleted namespace is gone at once).
//
// What it does model is authorization, because that is what the -n tests are about: every request
// is checked against RBAC rules the test writes, granted by one RoleBinding in the namespace. The
// matching follows the RBAC authorizer's rule matching (verbs, API groups, resources with
// subresources as "pods/exec", "*" for all); a server-side apply that would create an object also
// needs `create` (apiserver endpoints/handlers/patch.go); a refusal is a 403 whose message has the
// API server's shape (endpoints/handlers/responsewriters/errors.go forbiddenMessage, wrapped by
// NewForbidden).

import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../../src/model/kube.js';
import { ProtocolTestServer, sendJson, startWatch, status, type RecordedRequest } from './protocol-test-server.js';

export interface RbacRule {
  apiGroups: string[];
  /** "pods", "pods/exec", "*" */
  resources: string[];
  verbs: string[];
}

/**
 * The `edit` ClusterRole's rules as far as probelab's requests go (bootstrappolicy
 * system:aggregate-to-edit and -to-view): it writes pods, pods/exec, Services, ConfigMaps and
 * Deployments, but only reads the /status subresources ("privileged", the system's domain).
 */
export const EDIT_RULES: RbacRule[] = [
  { apiGroups: [''], resources: ['pods', 'pods/exec', 'services', 'configmaps'], verbs: ['get', 'list', 'watch', 'create', 'patch', 'update', 'delete', 'deletecollection'] },
  { apiGroups: [''], resources: ['pods/log', 'pods/status', 'events', 'endpoints', 'namespaces'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['apps'], resources: ['deployments', 'deployments/scale'], verbs: ['get', 'list', 'watch', 'create', 'patch', 'update', 'delete'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
];

interface Attributes {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

interface Kind {
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
}

const KINDS: Record<string, Kind> = {
  namespaces: { group: '', version: 'v1', kind: 'Namespace', namespaced: false },
  pods: { group: '', version: 'v1', kind: 'Pod', namespaced: true },
  services: { group: '', version: 'v1', kind: 'Service', namespaced: true },
  configmaps: { group: '', version: 'v1', kind: 'ConfigMap', namespaced: true },
  events: { group: '', version: 'v1', kind: 'Event', namespaced: true },
  deployments: { group: 'apps', version: 'v1', kind: 'Deployment', namespaced: true },
  endpointslices: { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', namespaced: true },
};

function discovery(group: string, version: string): object {
  const resources = Object.entries(KINDS)
    .filter(([, kind]) => kind.group === group && kind.version === version)
    .flatMap(([name, kind]) => [{ name, kind: kind.kind, namespaced: kind.namespaced, singularName: kind.kind.toLowerCase() }, ...(name === 'deployments' ? [{ name: 'deployments/scale', kind: 'Scale', namespaced: true }] : [])]);
  return { kind: 'APIResourceList', groupVersion: group ? `${group}/${version}` : version, resources };
}

interface Watcher {
  resource: string;
  labelSelector?: string;
  fieldSelector?: string;
  send(event: unknown): void;
  end(): void;
}

export class NamespaceApi {
  readonly objects = new Map<string, KubeObject>();
  /** undefined: everything is allowed (a cluster admin). */
  rules: RbacRule[] | undefined;
  user = 'system:serviceaccount:student-ns:student';
  /** Called after each server-side apply, with what was stored (e.g. to add the pods a Deployment would make). */
  onApply?: (resource: string, object: KubeObject) => void;
  /** Watches from a resourceVersion below this get 410 Gone (a restarted server's watch cache). */
  goneBelow = 0;
  #version = 100;
  #uid = 0;
  readonly #watchers = new Set<Watcher>();
  /** Every change, so that a watch from a resourceVersion replays what came after it, as the API server's watch cache does. */
  readonly #history: { resource: string; type: string; object: KubeObject; version: number }[] = [];

  private constructor(readonly server: ProtocolTestServer) {}

  static async start(namespaces: string[]): Promise<NamespaceApi> {
    const api = new NamespaceApi(await ProtocolTestServer.start());
    for (const name of namespaces) api.put('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, status: { phase: 'Active' } } as KubeObject);
    for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) api.server.on(method, /.*/, (request, response) => api.#handle(request, response));
    return api;
  }

  get resourceVersion(): number {
    return this.#version;
  }

  /** Stores an object (ADDED or MODIFIED to watchers) and returns what was stored. */
  put(resource: string, object: KubeObject): KubeObject {
    const key = this.#key(resource, object.metadata.namespace, object.metadata.name);
    const before = this.objects.get(key);
    const kind = KINDS[resource]!;
    const stored = {
      ...object,
      apiVersion: kind.group ? `${kind.group}/${kind.version}` : kind.version,
      kind: kind.kind,
      metadata: { ...object.metadata, uid: before?.metadata.uid ?? `uid-${(++this.#uid).toString()}`, resourceVersion: String(++this.#version) },
    } as KubeObject;
    this.objects.set(key, stored);
    this.#notify(resource, before ? 'MODIFIED' : 'ADDED', stored);
    return stored;
  }

  remove(resource: string, namespace: string | undefined, name: string): void {
    const key = this.#key(resource, namespace, name);
    const object = this.objects.get(key);
    if (!object) return;
    this.objects.delete(key);
    this.#version++;
    this.#notify(resource, 'DELETED', object);
  }

  /** Objects of a resource in a namespace, by name. */
  names(resource: string, namespace?: string): string[] {
    return [...this.objects.entries()].filter(([key]) => key.startsWith(`${resource}/${namespace ?? ''}/`)).map(([, object]) => object.metadata.name).sort();
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(this.#key(resource, namespace, name));
  }

  /** A graceful shutdown: every open watch ends, then connections are refused until restart. */
  async stopGracefully(): Promise<void> {
    for (const watcher of this.#watchers) watcher.end();
    this.#watchers.clear();
    await this.server.stop();
  }

  async close(): Promise<void> {
    for (const watcher of this.#watchers) watcher.end();
    await this.server.close();
  }

  #key(resource: string, namespace: string | undefined, name: string): string {
    return `${resource}/${KINDS[resource]?.namespaced ? (namespace ?? '') : ''}/${name}`;
  }

  #notify(resource: string, type: string, object: KubeObject): void {
    this.#history.push({ resource, type, object, version: this.#version });
    for (const watcher of this.#watchers) {
      if (watcher.resource === resource && matches(object, watcher.labelSelector, watcher.fieldSelector)) watcher.send({ type, object });
    }
  }

  #handle(request: RecordedRequest, response: ServerResponse): void {
    if (request.path === '/version') return sendJson(response, 200, { gitVersion: 'v1.32.13' });
    if (request.path === '/api/v1') return sendJson(response, 200, discovery('', 'v1'));
    const group = /^\/apis\/([^/]+)\/([^/]+)$/.exec(request.path);
    if (group) return sendJson(response, 200, discovery(group[1]!, group[2]!));
    const body = request.body ? (JSON.parse(request.body) as Record<string, unknown>) : {};
    if (request.path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews') {
      const attributes = (body.spec as { resourceAttributes: Attributes }).resourceAttributes;
      return sendJson(response, 201, { ...body, status: { allowed: this.#allowed(attributes) } });
    }
    const parsed = parsePath(request.path);
    if (!parsed) return sendJson(response, 404, status(404, 'NotFound', `the test server does not serve ${request.path}`));
    const { resource, namespace, name, subresource } = parsed;
    const kind = KINDS[resource]!;
    const verb = verbOf(request, name);
    const attributes: Attributes = { verb, group: kind.group, resource, subresource, namespace: resource === 'namespaces' ? name : namespace, name };
    if (!this.#allowed(attributes)) return this.#forbid(response, attributes);

    if (request.method === 'GET' && name === undefined) return this.#list(request, response, resource, namespace);
    if (request.method === 'GET') {
      const found = this.get(resource, namespace, name!);
      return found ? sendJson(response, 200, found) : sendJson(response, 404, status(404, 'NotFound', `${qualified(resource)} "${name!}" not found`));
    }
    if (request.method === 'PATCH' && !subresource) {
      if (!this.get(resource, namespace, name!)) {
        const create = { ...attributes, verb: 'create' };
        if (!this.#allowed(create)) return this.#forbid(response, create);
      }
      const stored = this.put(resource, { ...(body as unknown as KubeObject), metadata: { ...(body as unknown as KubeObject).metadata, namespace } });
      this.onApply?.(resource, stored);
      return sendJson(response, 200, this.get(resource, namespace, name!) ?? stored);
    }
    if (request.method === 'DELETE' && name !== undefined) {
      const found = this.get(resource, namespace, name);
      if (!found) return sendJson(response, 404, status(404, 'NotFound', `${qualified(resource)} "${name}" not found`));
      const uid = (body.preconditions as { uid?: string } | undefined)?.uid;
      if (uid && uid !== found.metadata.uid) {
        return sendJson(response, 409, status(409, 'Conflict', `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${found.metadata.uid ?? ''}`));
      }
      this.remove(resource, namespace, name);
      if (resource === 'namespaces') for (const key of [...this.objects.keys()]) if (key.split('/')[1] === name) this.objects.delete(key);
      return sendJson(response, 200, found);
    }
    return sendJson(response, 405, status(405, 'MethodNotAllowed', `the test server does not script ${request.method} ${request.path}`));
  }

  #list(request: RecordedRequest, response: ServerResponse, resource: string, namespace: string | undefined): void {
    const labelSelector = request.query.get('labelSelector') ?? undefined;
    const fieldSelector = request.query.get('fieldSelector') ?? undefined;
    if (request.query.get('watch') === 'true') {
      const from = Number(request.query.get('resourceVersion') ?? '0');
      if (from < this.goneBelow) return sendJson(response, 410, status(410, 'Expired', `too old resource version: ${from.toString()} (${this.#version.toString()})`));
      const send = startWatch(response);
      for (const change of this.#history) {
        if (change.version > from && change.resource === resource && matches(change.object, labelSelector, fieldSelector)) send({ type: change.type, object: change.object });
      }
      const watcher: Watcher = { resource, labelSelector, fieldSelector, send, end: () => response.end() };
      this.#watchers.add(watcher);
      response.on('close', () => this.#watchers.delete(watcher));
      return;
    }
    const items = [...this.objects.entries()]
      .filter(([key]) => key.startsWith(`${resource}/${KINDS[resource]!.namespaced ? (namespace ?? '') : ''}/`))
      .map(([, object]) => object)
      .filter((object) => matches(object, labelSelector, fieldSelector));
    sendJson(response, 200, { kind: `${KINDS[resource]!.kind}List`, apiVersion: 'v1', metadata: { resourceVersion: String(this.#version) }, items });
  }

  #allowed(attributes: Attributes): boolean {
    if (this.rules === undefined) return true;
    // One RoleBinding in the namespace: its rules say nothing about other namespaces or the cluster scope.
    if (attributes.namespace === undefined || this.get('namespaces', undefined, attributes.namespace) === undefined) return false;
    const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
    return this.rules.some(
      (rule) =>
        (rule.verbs.includes(attributes.verb) || rule.verbs.includes('*')) &&
        (rule.apiGroups.includes(attributes.group) || rule.apiGroups.includes('*')) &&
        (rule.resources.includes(resource) || rule.resources.includes('*')),
    );
  }

  #forbid(response: ServerResponse, attributes: Attributes): void {
    const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
    const scope = attributes.namespace ? `in the namespace "${attributes.namespace}"` : 'at the cluster scope';
    const what = `${qualified(attributes.resource)}${attributes.name ? ` "${attributes.name}"` : ''}`;
    sendJson(response, 403, {
      ...status(403, 'Forbidden', `${what} is forbidden: User "${this.user}" cannot ${attributes.verb} resource "${resource}" in API group "${attributes.group}" ${scope}`),
      details: { name: attributes.name, group: attributes.group, kind: attributes.resource },
    });
  }
}

function qualified(resource: string): string {
  const group = KINDS[resource]?.group;
  return group ? `${resource}.${group}` : resource;
}

function parsePath(path: string): { resource: string; namespace?: string; name?: string; subresource?: string } | undefined {
  const match = /^\/(?:api\/v1|apis\/[^/]+\/[^/]+)\/(.*)$/.exec(path);
  if (!match) return undefined;
  const parts = match[1]!.split('/').map(decodeURIComponent);
  if (parts[0] === 'namespaces' && parts.length <= 2) return { resource: 'namespaces', name: parts[1] };
  if (parts[0] === 'namespaces' && parts.length >= 3 && KINDS[parts[2]!]) return { resource: parts[2]!, namespace: parts[1], name: parts[3], subresource: parts[4] };
  return undefined;
}

function verbOf(request: RecordedRequest, name: string | undefined): string {
  switch (request.method) {
    case 'GET':
      return name !== undefined ? 'get' : request.query.get('watch') === 'true' ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PATCH':
      return 'patch';
    case 'PUT':
      return 'update';
    default:
      return name !== undefined ? 'delete' : 'deletecollection';
  }
}

/** Equality label selectors (`a=b,c=d`) and the metadata.name field selector: all probelab sends. */
function matches(object: KubeObject, labelSelector?: string, fieldSelector?: string): boolean {
  const labels = object.metadata.labels ?? {};
  const labelsMatch = (labelSelector ?? '').split(',').filter(Boolean).every((term) => {
    const [key, value] = term.split('=');
    return labels[key!] === value;
  });
  const name = fieldSelector?.replace(/^metadata\.name=/, '');
  return labelsMatch && (name === undefined || object.metadata.name === name);
}
