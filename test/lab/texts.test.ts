// Localised learner texts: the loaded lab reads their English everywhere (step names are
// identities in reports), and LabTexts keeps each language for the views.

import { describe, expect, it } from 'vitest';
import { parseLab } from '../../src/lab/load.js';
import { textsIn } from '../../src/lab/texts.js';
import { repoRoot } from '../support/fixtures.js';

const LAB = `apiVersion: probelab.dev/v1
kind: Lab
metadata: { name: texts, title: { en: Localised texts, ko: 여러 언어의 글 } }
spec:
  learn:
    en: Remove the file and watch READY.
    ko: 파일을 지우고 READY를 지켜보세요.
  explain: The same for everyone.
  manifests: [manifests/readiness-exec.yaml]
  steps:
    - name: { en: all replicas become ready, ko: 모든 복제본이 준비됨 }
      expect: [{ deployment: readiness-deployment, available: 3 }]
      explain: { en: One passing probe each. }
  verify:
    target: { deployment: readiness-deployment }
    checks:
      - probe: { kind: readiness, periodSeconds: 3 }
        name: { en: probes every 3 s, ko: 3초마다 프로브 }
      - object: Service/readiness-svc
`;

describe('localised lab texts', async () => {
  const result = await parseLab(LAB, `${repoRoot}texts.yaml`);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const { lab, texts } = result.loaded;

  it('the lab reads English, the identity reports and JUnit use', () => {
    expect(lab.metadata.title).toBe('Localised texts');
    expect(lab.spec.learn).toBe('Remove the file and watch READY.');
    expect(lab.spec.steps[0]!.name).toBe('all replicas become ready');
    expect(lab.spec.steps[0]!.explain).toBe('One passing probe each.');
    expect(lab.spec.verify!.checks.map((check) => check.name)).toEqual(['probes every 3 s', undefined]);
  });

  it('the texts in Korean, English where the file has no Korean', () => {
    expect(textsIn(texts, 'ko')).toEqual({
      title: '여러 언어의 글',
      learn: '파일을 지우고 READY를 지켜보세요.',
      explain: 'The same for everyone.',
      steps: [{ name: '모든 복제본이 준비됨', explain: 'One passing probe each.' }],
      checks: ['3초마다 프로브', undefined],
    });
    expect(textsIn(texts, 'en').steps[0]!.name).toBe('all replicas become ready');
  });
});
