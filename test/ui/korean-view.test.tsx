// The live view in Korean at 80 columns, driven by a real runner pass over the readiness-exec
// recording: the lab's own Korean texts, the view's words from the catalogue, and wide characters
// that keep every line within the terminal and the step statuses aligned at its right edge.

import { describe, expect, it, vi } from 'vitest';
import { messagesFor } from '../../src/i18n/messages.js';
import { runKeys } from '../../src/ui/help-overlay.js';
import { RunApp } from '../../src/ui/run-app.js';
import { createRunStore } from '../../src/ui/run-store.js';
import { cellWidth } from '../../src/ui/text.js';
import { useRecordedRun } from './recorded-run.js';
import { KEY, press, renderAt, waitForFrame } from './render-at.js';

const fixture = useRecordedRun();

function setup(rows = 24, intro?: { onStart(): void }) {
  const { run } = fixture;
  const store = createRunStore({ loaded: run.loaded, connection: run.connection, lang: 'ko' });
  const instance = fixture.mount(renderAt(<RunApp store={store} onQuit={vi.fn()} lang="ko" intro={intro} />, { columns: 80, rows }));
  return { store, instance, run };
}

function expectWithin80(frame: string): void {
  for (const line of frame.split('\n')) expect(cellWidth(line), line).toBeLessThanOrEqual(80);
}

const pending = () => fixture.run.events.findIndex((e) => e.kind === 'verdict' && e.index === 1 && e.verdict.items.some((i) => i.seen.startsWith('READY')));

describe('the view in Korean at 80 columns', () => {
  it('shows the learning text in Korean before the start', async () => {
    const { instance } = setup(24, { onStart: vi.fn() });
    const frame = await waitForFrame(instance, (f) => f.includes('Enter를 누르면'));
    expect(frame).toContain('시작하기 전에: 준비성 프로브가 파드를 서비스에서 뺀다');
    expect(frame.replace(/\s+/g, ' ')).toContain('준비성 프로브(readiness)는 파드가 살아 있는지가 아니라 트래픽을 받을지를 정합니다.');
    expectWithin80(frame);
  });

  it('names the steps in Korean, aligns their statuses, and keeps each current value in view', async () => {
    const { store, instance, run } = setup(30);
    for (const event of run.events.slice(0, pending() + 1)) store.dispatch(event);
    const frame = await waitForFrame(instance, (f) => f.includes('(현재: READY 1/1)'));
    expect(frame).toMatch(/^단계$/m);
    expect(frame).toMatch(/^파드$/m);
    expect(frame).toContain('✓ 모든 복제본이 준비됨');
    expect(frame).toContain('복제본 하나 망가뜨리기');
    expect(frame).toContain('· 다시 고치기');
    // The status ends at the right edge: the Korean name counted two cells a syllable.
    const done = frame.split('\n').find((l) => l.startsWith('✓ 모든 복제본이 준비됨'))!;
    expect(done).toMatch(/만에 통과$/);
    expect(cellWidth(done)).toBe(80);
    const active = frame.split('\n').find((l) => l.includes('복제본 하나 망가뜨리기'))!;
    expect(active).toMatch(/\d+s 남음$/);
    expect(cellWidth(active)).toBe(80);
    // Every awaited expectation shows what it sees now.
    const items = run.events[pending()]!;
    if (items.kind !== 'verdict') throw new Error('not a verdict');
    for (const item of items.verdict.items.filter((i) => i.state === 'pending' && i.seen)) expect(frame).toContain(`(현재: ${item.seen})`);
    expectWithin80(frame);
  });

  it('ends with the outcome and the lab\'s explanation in Korean', async () => {
    const { store, instance, run } = setup(40);
    for (const event of run.events) store.dispatch(event);
    const frame = await waitForFrame(instance, (f) => f.includes('무슨 일이 일어났나'));
    expect(frame).toMatch(/^통과 \(\d+(\.\d)?s\)$/m);
    expect(frame).toContain(`네임스페이스 ${run.events.flatMap((e) => (e.kind === 'started' ? [e.namespace] : []))[0]} 삭제됨`);
    expect(frame.replace(/\s+/g, ' ')).toContain('준비성 프로브가 실패해도 컨테이너는 죽지 않으므로 RESTARTS는 0 그대로입니다.');
    expect(frame).toContain('q 나가기');
    expectWithin80(frame);
  });

  it('lists the keys in Korean, descriptions aligned in one column', async () => {
    const { store, instance, run } = setup();
    for (const event of run.events.slice(0, 20)) store.dispatch(event);
    await waitForFrame(instance, (f) => f.includes('파드'));
    await press(instance, '?');
    const help = await waitForFrame(instance, (f) => f.includes('도움말 보이기'));
    // Each description starts in the same terminal column, whatever the width of its key.
    const starts = runKeys(messagesFor('ko')).map(([, what]) => {
      const line = help.split('\n').find((l) => l.includes(what))!;
      return cellWidth(line.slice(0, line.indexOf(what)));
    });
    expect(starts).toHaveLength(9);
    expect(new Set(starts).size).toBe(1);
    expect(help).toContain('강조된 칸은 최근 2초 안에 바뀐 값입니다.');
    await press(instance, KEY.escape);
    await waitForFrame(instance, (f) => f.includes('NAME'));
  });
});
