import { describe, expect, it } from 'vitest';
import { objectKey, relistDiff } from '../../src/cluster/relist-diff.js';
import type { KubeObject } from '../../src/model/kube.js';

const obj = (name: string, uid: string | undefined, resourceVersion: string): KubeObject => ({ metadata: { name, namespace: 'lab', uid, resourceVersion } });
const show = (events: ReturnType<typeof relistDiff>): string[] => events.map((e) => `${e.type} ${e.object.metadata.name}@${e.object.metadata.resourceVersion ?? ''}`);

describe('relistDiff', () => {
  it('reports nothing when the list matches what was known', () => {
    const known = [obj('a', 'u1', '5'), obj('b', 'u2', '6')];
    expect(relistDiff(known, [obj('a', 'u1', '5'), obj('b', 'u2', '6')])).toEqual([]);
  });

  it('reports new objects as ADDED, changed ones as MODIFIED and missing ones as DELETED (deletions first)', () => {
    const known = [obj('a', 'u1', '5'), obj('b', 'u2', '6'), obj('c', 'u3', '7')];
    const listed = [obj('c', 'u3', '7'), obj('a', 'u1', '9'), obj('d', 'u4', '8')];
    expect(show(relistDiff(known, listed))).toEqual(['DELETED b@6', 'MODIFIED a@9', 'ADDED d@8']);
  });

  it('treats a pod recreated under the same name (new uid) as deleted then added', () => {
    expect(show(relistDiff([obj('web-0', 'old', '5')], [obj('web-0', 'new', '9')]))).toEqual(['DELETED web-0@5', 'ADDED web-0@9']);
  });

  it('keys by namespace/name when there is no uid', () => {
    expect(objectKey(obj('a', undefined, '1'))).toBe('lab/a');
    expect(relistDiff([obj('a', undefined, '1')], [obj('a', undefined, '2')]).map((e) => e.type)).toEqual(['MODIFIED']);
  });

  it('reports the last known object on DELETED and the listed object otherwise', () => {
    const gone = obj('gone', 'g', '3');
    const changed = obj('x', 'x', '8');
    const events = relistDiff([gone, obj('x', 'x', '4')], [changed]);
    expect(events[0]!.object).toBe(gone);
    expect(events[1]!.object).toBe(changed);
  });
});
