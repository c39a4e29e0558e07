// `probelab` with no arguments: help outside a terminal (as before), and in one the cluster
// check, then the offer to play the recorded demo when no cluster answers.

import { createServer, type Server } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHECK_MS, checkCluster, DEMO_LAB, DEMO_RECORDING, noArguments, type NoArgumentsDeps } from '../../src/commands/demo.js';
import { main, mainHelp } from '../../src/main.js';
import { captureIo } from './io.js';

function deps(problem: string | undefined, answer: string | undefined): NoArgumentsDeps & { [K in keyof NoArgumentsDeps]: ReturnType<typeof vi.fn> } {
  return {
    checkCluster: vi.fn(async () => problem),
    ask: vi.fn(async () => answer),
    play: vi.fn(async () => 0),
  };
}

async function kubeconfigFor(server: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'probelab-demo-')), 'config');
  await writeFile(
    file,
    ['apiVersion: v1', 'kind: Config', `clusters: [{ name: c, cluster: { server: "${server}" } }]`, 'users: [{ name: u, user: { token: t } }]', 'contexts: [{ name: x, context: { cluster: c, user: u } }]', 'current-context: x'].join('\n'),
  );
  return file;
}

let silent: Server | undefined;
afterEach(() => {
  silent?.close();
  silent = undefined;
});

describe('probelab with no arguments', () => {
  it('prints the help and exits 2 outside a terminal, without checking any cluster', async () => {
    const io = captureIo({ env: { KUBECONFIG: '/nonexistent/config' } });
    expect(await main([], io)).toBe(2);
    expect(io.stdout).toEqual([mainHelp()]);
    expect(io.stdout[0]).toContain('  watch ');
  });

  it('prints the help (exit 0) in a terminal when the cluster answers', async () => {
    const io = captureIo({ isTTY: true });
    const d = deps(undefined, 'y');
    expect(await noArguments(io, 'HELP', d)).toBe(0);
    expect(io.stdout).toEqual(['HELP']);
    expect(d.ask).not.toHaveBeenCalled();
    expect(d.play).not.toHaveBeenCalled();
  });

  it('says in one line why there is no cluster, and plays the demo on Enter or y', async () => {
    for (const answer of ['', 'y', 'Yes ']) {
      const io = captureIo({ isTTY: true });
      const d = deps('cannot reach the API server https://127.0.0.1:1: bad port', answer);
      d.play.mockResolvedValue(1);
      expect(await noArguments(io, 'HELP', d)).toBe(1);
      expect(io.stdout).toEqual(['no cluster: cannot reach the API server https://127.0.0.1:1: bad port']);
      expect(d.ask).toHaveBeenCalledWith('play a recorded run of labs/readiness-exec.yaml instead? [Y/n] ');
      expect(d.play).toHaveBeenCalledTimes(1);
    }
  });

  it('asks in Korean under a Korean locale, and takes y typed on a Korean keyboard layout (ㅛ)', async () => {
    for (const answer of ['', 'ㅛ', '예', 'y']) {
      const io = captureIo({ isTTY: true, env: { LANG: 'ko_KR.UTF-8' } });
      const d = deps('no answer within 2 s', answer);
      expect(await noArguments(io, 'HELP', d)).toBe(0);
      expect(io.stdout).toEqual(['클러스터에 연결할 수 없습니다: no answer within 2 s']);
      expect(d.ask).toHaveBeenCalledWith('대신 labs/readiness-exec.yaml 실습을 실제 클러스터에서 녹화한 실행으로 재생할까요? [Y/n] ');
      expect(d.play).toHaveBeenCalledTimes(1);
    }
    const declined = deps('no answer within 2 s', 'ㅜ');
    expect(await noArguments(captureIo({ isTTY: true, env: { LANG: 'ko_KR.UTF-8' } }), 'HELP', declined)).toBe(0);
    expect(declined.play).not.toHaveBeenCalled();
  });

  it('prints the help when the offer is declined, and exits 130 on Ctrl-C at the question', async () => {
    const declined = captureIo({ isTTY: true });
    const no = deps('no kubeconfig found', 'n');
    expect(await noArguments(declined, 'HELP', no)).toBe(0);
    expect(declined.stdout.at(-1)).toBe('HELP');
    expect(no.play).not.toHaveBeenCalled();

    const interrupted = deps('no kubeconfig found', undefined);
    expect(await noArguments(captureIo({ isTTY: true }), 'HELP', interrupted)).toBe(130);
    expect(interrupted.play).not.toHaveBeenCalled();
  });

  it('ships the demo recording and its lab', () => {
    expect(existsSync(DEMO_RECORDING)).toBe(true);
    expect(existsSync(DEMO_LAB)).toBe(true);
  });

  it('reports a refused connection and a missing kubeconfig from the real check', async () => {
    const refused = await checkCluster(captureIo({ env: { KUBECONFIG: await kubeconfigFor('https://127.0.0.1:1'), HOME: tmpdir() } }));
    expect(refused).toMatch(/127\.0\.0\.1:1/);
    const missing = await checkCluster(captureIo({ env: { KUBECONFIG: '/nonexistent/config', HOME: tmpdir() } }));
    expect(missing).toMatch(/no kubeconfig found/);
  });

  it('gives up on a server that accepts but never answers within the check time', async () => {
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent!.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const began = Date.now();
    const problem = await checkCluster(captureIo({ env: { KUBECONFIG: await kubeconfigFor(`https://127.0.0.1:${port}`), HOME: tmpdir() } }));
    expect(problem).toBeDefined();
    expect(Date.now() - began).toBeLessThan(CHECK_MS + 1000);
  }, 10_000);
});
