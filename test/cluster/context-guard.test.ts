import { describe, expect, it } from 'vitest';
import { assertContextAllowed, contextGuard, isLoopbackServer } from '../../src/cluster/context-guard.js';
import { EXIT, UserError } from '../../src/exit-codes.js';

const remote = 'https://10.20.30.40:6443';

describe('isLoopbackServer', () => {
  it.each([
    ['https://127.0.0.1:6443', true],
    ['https://127.1.2.3', true],
    ['https://localhost:8443', true],
    ['https://LOCALHOST', true],
    ['https://api.localhost:6443', true],
    ['https://[::1]:6443', true],
    ['https://[0:0:0:0:0:0:0:1]:6443', true],
    ['https://[::ffff:127.0.0.1]:6443', true],
    ['https://128.0.0.1', false],
    ['https://10.0.0.1:6443', false],
    ['https://localhost.example.com', false],
    ['https://[::2]:6443', false],
    ['not a url', false],
  ])('%s → %s', (server, expected) => {
    expect(isLoopbackServer(server)).toBe(expected);
  });
});

describe('contextGuard', () => {
  it.each(['kind-probelab', 'minikube', 'k3d-dev', 'docker-desktop', 'rancher-desktop', 'orbstack'])('allows %s on a remote server', (context) => {
    expect(contextGuard({ context, server: remote, allowContexts: [] }).allowed).toBe(true);
  });

  it.each(['prod', 'kind', 'minikube-2', 'gke_project_zone_cluster', 'arn:aws:eks:eu-west-1:1:cluster/x'])('refuses %s on a remote server', (context) => {
    const decision = contextGuard({ context, server: remote, allowContexts: [] });
    expect(decision.allowed).toBe(false);
    expect(decision.reason).toContain(context);
  });

  it('allows any context whose server is loopback', () => {
    expect(contextGuard({ context: 'my-lab', server: 'https://[::1]:6443', allowContexts: [] })).toMatchObject({ allowed: true });
  });

  it('allows a context named in the allow list', () => {
    expect(contextGuard({ context: 'prod', server: remote, allowContexts: ['staging', 'prod'] }).reason).toContain('explicitly allowed');
  });

  it('refuses with EXIT.cluster and says exactly how to allow', () => {
    let error: unknown;
    try {
      assertContextAllowed({ context: 'prod', server: remote, allowContexts: [], configPath: '/home/u/.config/probelab/config.yaml' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(EXIT.cluster);
    const message = (error as UserError).message;
    expect(message).toContain('--allow-context prod');
    expect(message).toContain('/home/u/.config/probelab/config.yaml');
    expect(message).toContain('allowContexts: ["prod"]');
  });
});
