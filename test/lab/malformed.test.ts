// Each malformed lab must produce exactly these problems (line:column path: message). The files
// are variants of one valid lab, each with one mistake a lab author could make.

import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLab, formatLabError } from '../../src/lab/load.js';

const dir = fileURLToPath(new URL('./malformed/', import.meta.url));

const expected: Record<string, string[]> = {
  'available-negative.yaml': [
    "14:22 spec.steps[0].expect[0].available: expected a number >= 0, got number -1",
  ],
  'bad-within.yaml': [
    "15:15 spec.steps[0].within: expected \"auto\" or a duration like \"30s\", got \"soon\"",
  ],
  'command-empty.yaml': [
    "18:73 spec.steps[1].do[0].exec.command: expected a non-empty command, e.g. [rm, /tmp/healthy]",
  ],
  'command-not-list.yaml': [
    "18:73 spec.steps[1].do[0].exec.command: expected a list, got \"rm /tmp/healthy\"",
  ],
  'duplicate-key.yaml': [
    "15:11 YAML: Map keys must be unique",
  ],
  'duplicate-step-name.yaml': [
    "16:13 spec.steps[1].name: step name \"ready\" is used twice",
  ],
  'event-type-enum.yaml': [
    "24:45 spec.steps[1].expect[2].event.type: expected one of Normal, Warning, got \"Warn\"",
  ],
  'exercise-without-task.yaml': [
    "16:5 spec.exercise.task: is required (a string or a mapping)",
  ],
  'exercise-without-verify.yaml': [
    "16:5 spec.exercise: an exercise is graded by the lab's verify section: add `verify` (target and checks)",
  ],
  'expectation-no-subject.yaml': [
    "20:11 spec.steps[1].expect[0]: expected one of the keys pod, deployment, endpoints, event, got \"ready\"",
  ],
  'learn-language-typo.yaml': [
    '9:5 spec.learn.kr: unknown key "kr" (did you mean "ko"?)',
  ],
  'learn-without-english.yaml': [
    '7:10 spec.learn.en: is required (a string)',
  ],
  'manifest-not-yaml.yaml': [
    "8:15 spec.manifests[0]: manifest bad-manifest.txt:4:1 is not valid YAML: Flow map in block collection must be sufficiently indented and end with a }",
  ],
  'missing-learn.yaml': [
    "7:3 spec.learn: is required (a string or a mapping)",
  ],
  'missing-manifest-file.yaml': [
    "8:15 spec.manifests[0]: manifest \"../../../manifests/does-not-exist.yaml\" cannot be read (ENOENT)",
  ],
  'missing-title.yaml': [
    "4:3 metadata.title: is required (a string or a mapping)",
  ],
  'name-uppercase.yaml': [
    "4:9 metadata.name: expected a lab name of lowercase letters, digits and \"-\" (at most 40), got \"Broken_Lab\"",
  ],
  'no-steps.yaml': [
    "10:10 spec.steps: expected at least 1 item, got 0",
  ],
  'pick-enum.yaml': [
    "18:68 spec.steps[1].do[0].exec.pod.pick: expected one of first, last, random, got \"frist\" (did you mean \"first\"?)",
  ],
  'ready-not-ratio.yaml': [
    "21:18 spec.steps[1].expect[0].ready: expected \"N/M\", got \"ready\"",
  ],
  'restarts-increase-zero.yaml': [
    "27:33 spec.steps[1].never[0].restarts.increase: expected a number >= 1, got number 0",
  ],
  'restarts-word.yaml': [
    "27:21 spec.steps[1].never[0].restarts: expected a number or a mapping, got \"lots\"",
  ],
  'selector-malformed.yaml': [
    "18:36 spec.steps[1].do[0].exec.pod.selector: expected a label selector like \"app=web\" or \"app=web,tier!=db\", got \"app readiness\"",
  ],
  'signal-name.yaml': [
    "18:74 spec.steps[1].do[0].signal.signal: expected one of SIGUSR1, SIGUSR2, SIGTERM, SIGKILL, SIGSTOP, SIGCONT, SIGHUP, SIGINT, SIGQUIT, got \"USR1\"",
  ],
  'step-name-empty-korean.yaml': [
    '16:42 spec.steps[1].name.ko: expected a step name in Korean, got an empty string',
  ],
  'timeout-number.yaml': [
    "9:12 spec.timeout: expected a string, got number 240",
  ],
  'two-documents.yaml': [
    "28:1 a lab file holds one YAML document; found another after \"---\"",
  ],
  'undefined-alias.yaml': [
    "20:16 spec.steps[1].expect[0].pod: $victim is not defined by an earlier action (pick a pod with a selector, or name it with \"as:\")",
  ],
  'unknown-action.yaml': [
    "18:11 spec.steps[1].do[0]: expected one of the keys apply, exec, signal, patchStatus, delete, scale, sleep, got \"exce\" (did you mean \"exec\"?)",
  ],
  'unknown-deployment.yaml': [
    "13:23 spec.steps[0].expect[0].deployment: no Deployment named \"readiness\" in the lab's manifests",
  ],
  'unknown-key-typo.yaml': [
    "21:11 spec.steps[1].expect[0].redy: unknown key \"redy\" (did you mean \"ready\"?)",
  ],
  'unknown-pod-name.yaml': [
    "20:16 spec.steps[1].expect[0].pod: no Pod named \"web-0\" in the lab's manifests",
  ],
  'unknown-service.yaml': [
    "22:22 spec.steps[1].expect[1].endpoints: no Service named \"readiness\" in the lab's manifests",
  ],
  'unknown-top-level-key.yaml': [
    "3:1 metdata: unknown key \"metdata\" (did you mean \"metadata\"?)",
  ],
  'wrong-api-version.yaml': [
    "1:13 apiVersion: expected \"probelab.dev/v1\", got \"probelab.dev/v2\" (did you mean \"probelab.dev/v1\"?)",
  ],
  'wrong-kind.yaml': [
    "2:7 kind: expected \"Lab\", got \"Workshop\"",
  ],
  'yaml-syntax.yaml': [
    "10:3 YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
  ],
};

describe('malformed lab corpus', () => {
  it('covers every file in the corpus and at least 25 cases', async () => {
    const files = (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort();
    expect(files).toEqual(Object.keys(expected).sort());
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  it.each(Object.entries(expected))('%s', async (name, errors) => {
    const result = await loadLab(`${dir}${name}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => formatLabError(error).slice(`${dir}${name}:`.length))).toEqual(errors);
  });
});
