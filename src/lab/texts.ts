// A lab file's learner texts, split from the lab the rest of probelab reads: the lab keeps each
// text's English (step names are identities in reports, JUnit and recordings, and must not change
// with the reader's locale), and LabTexts keeps every language for the views to choose from.

import { inLang, type LocalText } from '../i18n/local-text.js';
import type { Lang } from '../i18n/lang.js';
import type { Lab, LabFile } from './schema.js';

/** The learner texts of a lab, each in every language the file gives (or, `LabTexts<string>`, in one). */
export interface LabTexts<T = LocalText> {
  title: T;
  learn: T;
  explain?: T;
  steps: { name: T; explain?: T }[];
  /** The name of each verify check, by position (undefined where the lab gives none). */
  checks: (T | undefined)[];
  /** The exercise's task, when the lab has an exercise. */
  task?: T;
}

export function splitTexts(file: LabFile): { lab: Lab; texts: LabTexts } {
  const en = (text: LocalText) => inLang(text, 'en');
  const optional = (text: LocalText | undefined) => (text === undefined ? undefined : en(text));
  const { metadata, spec } = file;
  const lab: Lab = {
    ...file,
    metadata: { ...metadata, title: en(metadata.title) },
    spec: {
      ...spec,
      learn: en(spec.learn),
      explain: optional(spec.explain),
      steps: spec.steps.map((step) => ({ ...step, name: en(step.name), explain: optional(step.explain) })),
      verify: spec.verify && { ...spec.verify, checks: spec.verify.checks.map((check) => ({ ...check, name: optional(check.name) })) },
      exercise: spec.exercise && { ...spec.exercise, task: en(spec.exercise.task) },
    },
  };
  const texts: LabTexts = {
    title: metadata.title,
    learn: spec.learn,
    explain: spec.explain,
    steps: spec.steps.map((step) => ({ name: step.name, explain: step.explain })),
    checks: (spec.verify?.checks ?? []).map((check) => check.name),
    task: spec.exercise?.task,
  };
  return { lab, texts };
}

export function textsIn(texts: LabTexts, lang: Lang): LabTexts<string> {
  const pick = (text: LocalText | undefined) => (text === undefined ? undefined : inLang(text, lang));
  return {
    title: inLang(texts.title, lang),
    learn: inLang(texts.learn, lang),
    explain: pick(texts.explain),
    steps: texts.steps.map((step) => ({ name: inLang(step.name, lang), explain: pick(step.explain) })),
    checks: texts.checks.map(pick),
    task: pick(texts.task),
  };
}
