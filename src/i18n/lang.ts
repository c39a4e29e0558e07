// Which language a learner reads: `--lang ko|en`, else the locale the shell says (LC_ALL, then
// LC_MESSAGES, then LANG, as POSIX orders them for messages), else English.

import { UserError } from '../exit-codes.js';

export type Lang = 'en' | 'ko';

export const LANGS: readonly Lang[] = ['en', 'ko'];

/** `ko_KR.UTF-8`, `ko`, `ko-KR` → ko; C, POSIX, unset or any language without messages → en. */
export function langFromLocale(env: Record<string, string | undefined>): Lang {
  const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return /^ko([_.@-]|$)/i.test(locale) ? 'ko' : 'en';
}

/** The --lang flag when given (anything but en or ko is an error), else the locale's. */
export function chooseLang(flag: string | undefined, env: Record<string, string | undefined>): Lang {
  if (flag === undefined) return langFromLocale(env);
  if ((LANGS as readonly string[]).includes(flag)) return flag as Lang;
  throw new UserError(`--lang: expected one of ${LANGS.join(', ')}, got "${flag}"`);
}
