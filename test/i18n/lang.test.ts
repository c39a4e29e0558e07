import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/exit-codes.js';
import { chooseLang, langFromLocale } from '../../src/i18n/lang.js';
import { inLang } from '../../src/i18n/local-text.js';

describe('the reader\'s language', () => {
  it('follows the locale for messages: LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(langFromLocale({ LANG: 'ko_KR.UTF-8' })).toBe('ko');
    expect(langFromLocale({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'ko_KR.UTF-8' })).toBe('ko');
    expect(langFromLocale({ LANG: 'ko_KR.UTF-8', LC_ALL: 'C' })).toBe('en');
    expect(langFromLocale({ LC_ALL: 'ko' })).toBe('ko');
    expect(langFromLocale({ LANG: 'kok_IN' })).toBe('en');
    expect(langFromLocale({})).toBe('en');
  });

  it('--lang wins over the locale, and only en and ko are accepted', () => {
    expect(chooseLang('en', { LANG: 'ko_KR.UTF-8' })).toBe('en');
    expect(chooseLang('ko', {})).toBe('ko');
    expect(() => chooseLang('kr', {})).toThrow(new UserError('--lang: expected one of en, ko, got "kr"'));
  });

  it('a text without the reader\'s language falls back to its English', () => {
    expect(inLang('READY 1/1', 'ko')).toBe('READY 1/1');
    expect(inLang({ en: 'break one replica', ko: '복제본 하나 망가뜨리기' }, 'ko')).toBe('복제본 하나 망가뜨리기');
    expect(inLang({ en: 'break one replica' }, 'ko')).toBe('break one replica');
  });
});
