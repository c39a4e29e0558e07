// The watches a lab run needs in its namespace: pods, EndpointSlices (core Endpoints on servers
// without discovery.k8s.io/v1), core/v1 Events and Deployments. Resolves once every initial list
// has been emitted; stop() closes them all.

import type { WatchedResource } from '../model/observation.js';
import type { WatchHandle, WatchOptions } from './port.js';
import type { ApiClient } from './api-client.js';
import { ApiError } from './errors.js';
import { ResourceWatch, type WatchTuning } from './watch.js';

function collection(prefix: string, namespace: string, resource: string): string {
  return `${prefix}/namespaces/${encodeURIComponent(namespace)}/${resource}`;
}

export async function watchNamespace(api: ApiClient, options: WatchOptions, tuning: WatchTuning = {}): Promise<WatchHandle> {
  const started: ResourceWatch[] = [];
  const make = (resource: WatchedResource, path: string, labelSelector?: string): ResourceWatch =>
    new ResourceWatch(api, { resource, path, labelSelector, onObservation: options.onObservation, onHealth: options.onHealth }, tuning);
  const startOne = async (watch: ResourceWatch): Promise<void> => {
    await watch.start();
    started.push(watch);
  };
  const ns = options.namespace;
  // allSettled, not all: a watch still starting when another fails must be stopped too.
  const results = await Promise.allSettled([
    // The label selector narrows pods only: slices, events and deployments carry other labels.
    startOne(make('pods', collection('/api/v1', ns, 'pods'), options.labelSelector)),
    startOne(make('endpointslices', collection('/apis/discovery.k8s.io/v1', ns, 'endpointslices'))).catch(async (error: unknown) => {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
      await startOne(make('endpoints', collection('/api/v1', ns, 'endpoints')));
    }),
    startOne(make('events', collection('/api/v1', ns, 'events'))),
    startOne(make('deployments', collection('/apis/apps/v1', ns, 'deployments'))),
  ]);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((watch) => watch.stop()));
    throw failed.reason;
  }
  return {
    stop: async () => {
      await Promise.all(started.map((watch) => watch.stop()));
    },
  };
}
