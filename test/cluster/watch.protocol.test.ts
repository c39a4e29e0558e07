import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerResponse } from 'node:http';
import { openSession } from '../../src/cluster/cluster.js';
import { ResourceWatch, type WatchTuning } from '../../src/cluster/watch.js';
import { watchNamespace } from '../../src/cluster/watch-set.js';
import type { ApiClient } from '../../src/cluster/api-client.js';
import type { WatchHealth } from '../../src/cluster/port.js';
import type { WatchObservation } from '../../src/model/observation.js';
import { describeWatchGap } from '../../src/report/watch-gap-text.js';
import { WatchGaps } from '../../src/runner/watch-gaps.js';
import { ProtocolTestServer, TEST_TOKEN, pod, podList, sendJson, startWatch, status, until, type RecordedRequest } from './protocol-test-server.js';

const PODS = '/api/v1/namespaces/lab/pods';
const fast: WatchTuning = { timeoutSeconds: () => 1, backoff: () => 10, inactivityTimeoutMs: 2000 };

let server: ProtocolTestServer;
let api: ApiClient;

beforeEach(async () => {
  server = await ProtocolTestServer.start();
  const dir = mkdtempSync(path.join(tmpdir(), 'probelab-watch-'));
  const session = await openSession({ kubeconfig: server.writeKubeconfig(dir), env: { HOME: dir } });
  api = session.api;
});

afterEach(async () => {
  await server.close();
});

/** Routes list requests to `list` and the n-th watch request to `watches[n]` (the last one repeats). */
function script(list: () => object, watches: ((request: RecordedRequest, response: ServerResponse) => void)[]): void {
  let count = 0;
  server.on('GET', PODS, (request, response) => {
    if (request.query.get('watch') !== 'true') return sendJson(response, 200, list());
    const handler = watches[Math.min(count, watches.length - 1)]!;
    count++;
    handler(request, response);
  });
}

const holdOpen = (_request: RecordedRequest, response: ServerResponse): void => {
  startWatch(response);
};

function summary(observations: WatchObservation[]): string[] {
  return observations.map((o) => `${o.type} ${o.object.metadata.name}@${o.object.metadata.resourceVersion ?? ''}${o.synthetic ? ' synthetic' : ''}`);
}

function collect(): { observations: WatchObservation[]; health: WatchHealth[]; config: { onObservation(o: WatchObservation): void; onHealth(h: WatchHealth): void } } {
  const observations: WatchObservation[] = [];
  const health: WatchHealth[] = [];
  return { observations, health, config: { onObservation: (o) => observations.push(o), onHealth: (h) => health.push(h) } };
}

describe('ResourceWatch over a dropping connection', () => {
  it('resumes from the last resourceVersion with no event lost or repeated', async () => {
    script(() => podList('10', [pod('a', 'uid-a', '10')]), [
      (_request, response) => {
        const send = startWatch(response);
        send({ type: 'MODIFIED', object: pod('a', 'uid-a', '11') });
        send({ type: 'ADDED', object: pod('b', 'uid-b', '12') });
        // cut the connection in the middle of the next line
        response.write('{"type":"MODIFIED","object":{"kind":"Pod","metadata":{"name":"b"');
        setTimeout(() => response.socket?.destroy(), 20);
      },
      (_request, response) => {
        const send = startWatch(response);
        send({ type: 'BOOKMARK', object: { kind: 'Pod', metadata: { resourceVersion: '13' } } });
        send({ type: 'MODIFIED', object: pod('b', 'uid-b', '14') });
        response.end(); // a normal end, as at the server's timeoutSeconds
      },
      holdOpen,
    ]);
    const { observations, config } = collect();
    const watch = new ResourceWatch(api, { resource: 'pods', path: PODS, ...config }, fast);
    await watch.start();
    await until(() => server.requestsTo('GET', PODS).filter((r) => r.query.get('watch') === 'true').length >= 3, 'the third watch');
    await watch.stop();

    expect(summary(observations)).toEqual(['ADDED a@10', 'MODIFIED a@11', 'ADDED b@12', 'MODIFIED b@14']);
    const watches = server.requestsTo('GET', PODS).filter((r) => r.query.get('watch') === 'true');
    expect(watches.map((r) => r.query.get('resourceVersion'))).toEqual(['10', '12', '14']);
    expect(watches.every((r) => r.query.get('allowWatchBookmarks') === 'true' && r.query.get('timeoutSeconds') === '1')).toBe(true);
    expect(watches[0]!.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
    expect(observations.every((o) => typeof o.at === 'number' && o.at > 0 && o.object.kind === 'Pod')).toBe(true);
  });

  it('moves on with BOOKMARKs so a restart does not replay what the bookmark covered', async () => {
    script(() => podList('5', []), [
      (_request, response) => {
        const send = startWatch(response);
        send({ type: 'BOOKMARK', object: { kind: 'Pod', metadata: { resourceVersion: '42' } } });
        setTimeout(() => response.end(), 20);
      },
      holdOpen,
    ]);
    const { config } = collect();
    const watch = new ResourceWatch(api, { resource: 'pods', path: PODS, ...config }, fast);
    await watch.start();
    await until(() => server.requestsTo('GET', PODS).filter((r) => r.query.get('watch') === 'true').length >= 2, 'the second watch');
    await watch.stop();
    const watches = server.requestsTo('GET', PODS).filter((r) => r.query.get('watch') === 'true');
    expect(watches[1]!.query.get('resourceVersion')).toBe('42');
  });
});

describe('ResourceWatch after 410 Gone', () => {
  const relisted = (): object => podList('20', [pod('a', 'uid-a', '15'), pod('c', 'uid-c', '18'), pod('d', 'uid-d', '9')]);

  for (const variant of ['an ERROR event with code 410', 'HTTP 410'] as const) {
    it(`relists on ${variant} and reports the differences as synthetic events`, async () => {
      let lists = 0;
      script(() => (lists++ === 0 ? podList('10', [pod('a', 'uid-a', '10'), pod('b', 'uid-b', '10'), pod('d', 'uid-d', '9')]) : relisted()), [
        (_request, response) => {
          if (variant === 'HTTP 410') return sendJson(response, 410, status(410, 'Gone', 'too old resource version: 10 (20)'));
          const send = startWatch(response);
          send({ type: 'ERROR', object: status(410, 'Expired', 'too old resource version: 10 (20)') });
          response.end();
        },
        holdOpen,
      ]);
      const { observations, config } = collect();
      const watch = new ResourceWatch(api, { resource: 'pods', path: PODS, ...config }, fast);
      await watch.start();
      await until(() => server.requestsTo('GET', PODS).filter((r) => r.query.get('watch') === 'true').length >= 2, 'the watch after the relist');
      await watch.stop();

      expect(summary(observations)).toEqual([
        'ADDED a@10',
        'ADDED b@10',
        'ADDED d@9',
        'DELETED b@10 synthetic',
        'MODIFIED a@15 synthetic',
        'ADDED c@18 synthetic',
      ]);
      const watches = server.requestsTo('GET', PODS).filter((r) => r.query.get('watch') === 'true');
      expect(watches[1]!.query.get('resourceVersion')).toBe('20');
    });
  }
});

describe('ResourceWatch on a dead or failing connection', () => {
  it('notices a connection that goes silent, aborts it and resumes', async () => {
    script(() => podList('10', []), [
      (_request, response) => {
        startWatch(response); // headers, then nothing ever again
      },
      (_request, response) => {
        startWatch(response)({ type: 'ADDED', object: pod('late', 'uid-late', '11') });
      },
    ]);
    const { observations, health, config } = collect();
    const watch = new ResourceWatch(api, { resource: 'pods', path: PODS, ...config }, { ...fast, inactivityTimeoutMs: 200 });
    const started = Date.now();
    await watch.start();
    await until(() => observations.some((o) => o.object.metadata.name === 'late'), 'the event after the restart', 3000);
    await watch.stop();
    expect(Date.now() - started).toBeLessThan(2000);
    const reconnect = health.find((h) => h.state === 'reconnecting');
    expect(reconnect).toMatchObject({ state: 'reconnecting', attempt: 1, resource: 'pods' });
    expect(reconnect?.state === 'reconnecting' && reconnect.reason).toMatch(/no data for 0.2 s/);
    const watches = server.requestsTo('GET', PODS).filter((r) => r.query.get('watch') === 'true');
    expect(watches.map((r) => r.query.get('resourceVersion'))).toEqual(['10', '10']);
  });

  it('gives up on a watch request that gets no response headers and retries', async () => {
    script(() => podList('10', []), [
      () => undefined, // accept the request, never answer
      (_request, response) => {
        startWatch(response)({ type: 'ADDED', object: pod('p', 'uid-p', '11') });
      },
    ]);
    const { observations, health, config } = collect();
    const watch = new ResourceWatch(api, { resource: 'pods', path: PODS, ...config }, { ...fast, connectTimeoutMs: 200 });
    await watch.start();
    await until(() => observations.length === 1, 'the event from the second watch', 3000);
    await watch.stop();
    const reconnect = health.find((h) => h.state === 'reconnecting');
    expect(reconnect?.state === 'reconnecting' && reconnect.reason).toBe('no response to the watch request within 0.2 s');
  });

  it('backs off on errors, reports health transitions, and recovers', async () => {
    const delays: number[] = [];
    script(() => podList('10', []), [
      (_request, response) => sendJson(response, 500, status(500, 'InternalError', 'etcd is sad')),
      (_request, response) => sendJson(response, 500, status(500, 'InternalError', 'etcd is still sad')),
      holdOpen,
    ]);
    const { health, config } = collect();
    const watch = new ResourceWatch(api, { resource: 'pods', path: PODS, ...config }, {
      ...fast,
      backoff: (attempt) => {
        delays.push(attempt);
        return 5;
      },
    });
    await watch.start();
    await until(() => health.filter((h) => h.state === 'connected').length >= 1, 'connected');
    await watch.stop();
    expect(delays).toEqual([1, 2]);
    expect(health.map((h) => h.state)).toEqual(['connecting', 'reconnecting', 'reconnecting', 'connected']);
    const [, first, second] = health;
    expect(first?.state === 'reconnecting' && first.reason).toMatch(/etcd is sad.*HTTP 500/);
    // "since" is when the trouble began, kept across attempts
    expect(first?.state === 'reconnecting' && second?.state === 'reconnecting' && second.since === first.since).toBe(true);
  });

  it('stop() closes an open watch promptly', async () => {
    script(() => podList('1', []), [holdOpen]);
    const { config } = collect();
    const watch = new ResourceWatch(api, { resource: 'pods', path: PODS, ...config }, fast);
    await watch.start();
    await until(() => server.requestsTo('GET', PODS).length >= 2, 'the watch request');
    const before = Date.now();
    await watch.stop();
    expect(Date.now() - before).toBeLessThan(500);
  });
});

describe('ResourceWatch when the API server stops and comes back', () => {
  /** The health reports as the runner turns them into line-log lines. */
  function gapLines(health: WatchHealth[]): string[] {
    const gaps = new WatchGaps();
    return health.flatMap((h, index) => {
      const gap = gaps.note(h, index);
      return gap ? [describeWatchGap(gap).replace(/after [\d.]+s/, 'after Ns')] : [];
    });
  }

  it('says the watch was lost to a refused connection and resumed from its resourceVersion, missing nothing', async () => {
    let restarted = false;
    script(() => podList('10', [pod('a', 'uid-a', '10')]), [
      (_request, response) => {
        const send = startWatch(response);
        send({ type: 'MODIFIED', object: pod('a', 'uid-a', '11') });
        // A graceful shutdown ends the stream; the watch restarts at once and is refused.
        setTimeout(() => {
          response.end();
          void server.stop();
        }, 20);
      },
      (_request, response) => {
        restarted = true;
        startWatch(response)({ type: 'MODIFIED', object: pod('a', 'uid-a', '12') });
      },
    ]);
    const { observations, health, config } = collect();
    const watch = new ResourceWatch(api, { resource: 'pods', path: PODS, ...config }, fast);
    await watch.start();
    await until(() => health.filter((h) => h.state === 'reconnecting').length >= 2, 'two refused attempts');
    await server.restart();
    await until(() => restarted && health.at(-1)?.state === 'connected', 'the watch back');
    await watch.stop();

    const refused = health.filter((h) => h.state === 'reconnecting');
    expect(refused[0]).toMatchObject({ reason: 'connection refused (ECONNREFUSED)', resourceVersion: '11', attempt: 1 });
    expect(refused.every((h) => h.state === 'reconnecting' && h.since === refused[0]!.since)).toBe(true);
    expect(health.at(-1)).not.toHaveProperty('relist');
    expect(gapLines(health)).toEqual(['watch pods lost: connection refused (ECONNREFUSED); resuming from resourceVersion 11', 'watch pods resumed after Ns (from resourceVersion 11: nothing missed)']);
    expect(summary(observations)).toEqual(['ADDED a@10', 'MODIFIED a@11', 'MODIFIED a@12']);
    const watches = server.requestsTo('GET', PODS).filter((r) => r.query.get('watch') === 'true');
    expect(watches.at(-1)!.query.get('resourceVersion')).toBe('11');
  });

  it('says what a relist found when the server no longer has the resourceVersion (410 Gone)', async () => {
    let lists = 0;
    script(() => (lists++ === 0 ? podList('10', [pod('a', 'uid-a', '10')]) : podList('30', [pod('a', 'uid-a', '25'), pod('b', 'uid-b', '28')])), [
      (_request, response) => {
        startWatch(response);
        // The process dies: connections are reset mid-stream.
        setTimeout(() => void server.stop(), 20);
      },
      // A restarted API server's watch cache starts after the old resourceVersion.
      (_request, response) => sendJson(response, 410, status(410, 'Expired', 'too old resource version: 10 (30)')),
      holdOpen,
    ]);
    const { observations, health, config } = collect();
    const watch = new ResourceWatch(api, { resource: 'pods', path: PODS, ...config }, fast);
    await watch.start();
    await until(() => health.some((h) => h.state === 'reconnecting' && /ECONNREFUSED/.test(h.reason)), 'a refused attempt');
    await server.restart();
    await until(() => health.at(-1)?.state === 'connected' && lists === 2, 'the watch back after a relist');
    await watch.stop();

    expect(health.find((h) => h.state === 'reconnecting')).toMatchObject({ reason: 'connection closed by the server (UND_ERR_SOCKET)', resourceVersion: '10', attempt: 1 });
    expect(health.some((h) => h.state === 'reconnecting' && h.reason === '410 Gone (too old resource version: 10 (30))' && h.resourceVersion === undefined)).toBe(true);
    expect(health.at(-1)).toMatchObject({ state: 'connected', relist: { missed: 2 } });
    expect(gapLines(health)[1]).toBe('watch pods resumed after Ns (relist: 2 changes missed)');
    expect(summary(observations)).toEqual(['ADDED a@10', 'MODIFIED a@25 synthetic', 'ADDED b@28 synthetic']);
  });

  it('reports a 410 Gone on an open watch as a cut, relists, and reports it back', async () => {
    let lists = 0;
    script(() => (lists++ === 0 ? podList('10', []) : podList('20', [])), [
      (_request, response) => {
        const send = startWatch(response);
        setTimeout(() => {
          send({ type: 'ERROR', object: status(410, 'Expired', 'too old resource version: 10 (20)') });
          response.end();
        }, 20);
      },
      holdOpen,
    ]);
    const { health, config } = collect();
    const watch = new ResourceWatch(api, { resource: 'pods', path: PODS, ...config }, fast);
    await watch.start();
    await until(() => lists === 2 && health.at(-1)?.state === 'connected' && health.length > 2, 'the watch back');
    await watch.stop();
    expect(gapLines(health)).toEqual(['watch pods lost: 410 Gone (too old resource version: 10 (20)); relisting', 'watch pods resumed after Ns (relist: 0 changes missed)']);
  });
});

describe('watchNamespace', () => {
  it('falls back to core Endpoints when the server has no EndpointSlices, and resolves after the initial lists', async () => {
    const list = (kind: string, items: unknown[]) => (request: RecordedRequest, response: ServerResponse): void => {
      if (request.query.get('watch') === 'true') startWatch(response);
      else sendJson(response, 200, { kind, apiVersion: 'v1', metadata: { resourceVersion: '3' }, items });
    };
    server.on('GET', PODS, list('PodList', [pod('web-1', 'uid-w', '3')]));
    server.on('GET', '/api/v1/namespaces/lab/endpoints', list('EndpointsList', [{ metadata: { name: 'web', uid: 'uid-e', resourceVersion: '3' } }]));
    server.on('GET', '/api/v1/namespaces/lab/events', list('EventList', []));
    server.on('GET', '/apis/apps/v1/namespaces/lab/deployments', list('DeploymentList', []));
    const { observations, config } = collect();
    const handle = await watchNamespace(api, { namespace: 'lab', labelSelector: 'app=web', ...config }, fast);
    expect(observations.map((o) => `${o.resource} ${o.type} ${o.object.metadata.name} ${o.object.kind ?? ''}`).sort()).toEqual([
      'endpoints ADDED web Endpoints',
      'pods ADDED web-1 Pod',
    ]);
    await handle.stop();
    expect(server.requestsTo('GET', PODS)[0]!.query.get('labelSelector')).toBe('app=web');
    expect(server.requestsTo('GET', '/api/v1/namespaces/lab/events')[0]!.query.get('labelSelector')).toBeNull();
  });

  it('rejects with the server message when a list is forbidden', async () => {
    server.on('GET', /.*/, (request, response) =>
      sendJson(response, 403, status(403, 'Forbidden', `${request.path} is forbidden: User "student" cannot list resource`)),
    );
    const { config } = collect();
    await expect(watchNamespace(api, { namespace: 'lab', ...config }, fast)).rejects.toThrow(/list .*forbidden: User "student" cannot list resource \(HTTP 403 Forbidden\)/);
  });
});
