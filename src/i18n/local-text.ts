// Text a lab author may write in several languages: a plain string (the same for everyone), or
// `{en: …, ko: …}`. English is required, so every reader has something to read and reports,
// JUnit names and recordings have one stable text whatever the reader's language.

import type { Lang } from './lang.js';

export interface Localised {
  en: string;
  ko?: string;
}

export type LocalText = string | Localised;

/** The text in `lang`, or its English when it has none in that language. */
export function inLang(text: LocalText, lang: Lang): string {
  return typeof text === 'string' ? text : (text[lang] ?? text.en);
}

/** A type with every LocalText in it replaced by the string reports read (its English). */
export type English<T> = T extends Localised
  ? string
  : T extends readonly (infer U)[]
    ? English<U>[]
    : T extends object
      ? { [K in keyof T]: English<T[K]> }
      : T;
