// Every catalogue lab, run headless against a real cluster. Runs only when
// PROBELAB_E2E_KUBECONFIG names a kubeconfig (its current context is allowed explicitly: the user
// pointed at it), e.g.
//   kind create cluster --name probelab
//   PROBELAB_E2E_KUBECONFIG=$HOME/.kube/config npm test
// Each lab gets its own namespace, deleted afterwards; a failure prints the lab's line log.

import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadKubeconfig } from '../../src/cluster/kubeconfig.js';
import { main } from '../../src/main.js';
import { captureIo } from '../commands/io.js';
import { repoRoot } from '../support/fixtures.js';

const kubeconfig = process.env.PROBELAB_E2E_KUBECONFIG;
if (!kubeconfig) console.warn('live lab suite skipped: PROBELAB_E2E_KUBECONFIG is not set');

const labs = (await readdir(`${repoRoot}labs`)).filter((name) => name.endsWith('.yaml')).sort();

describe.skipIf(!kubeconfig)('every catalogue lab on a real cluster', () => {
  it.each(labs)('labs/%s passes headless', { timeout: 15 * 60_000 }, async (name) => {
    const context = loadKubeconfig({ kubeconfig, env: process.env, home: process.env.HOME ?? '' }).context;
    const io = captureIo({ env: { ...process.env, CI: 'true' } });
    const code = await main(['run', `${repoRoot}labs/${name}`, '--headless', '--kubeconfig', kubeconfig!, '--allow-context', context], io);
    if (code !== 0) console.log([...io.stdout, ...io.stderr].join('\n'));
    expect(code).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/^1 passed, 0 failed$/m);
  });
});
