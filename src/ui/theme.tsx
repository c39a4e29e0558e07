// Colour or not: NO_COLOR (https://no-color.org) turns every colour off; bold, dim and inverse
// are attributes, not colours, and stay, so a changed cell is still visible.

import { createContext, useContext } from 'react';

export interface Theme {
  colour: boolean;
}

export const ThemeContext = createContext<Theme>({ colour: true });

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/** no-color.org: NO_COLOR set to a non-empty value disables colour. */
export function themeFromEnv(env: Record<string, string | undefined> = process.env): Theme {
  return { colour: !env['NO_COLOR'] };
}

export type Tone = 'ok' | 'bad' | 'warn' | 'accent' | 'muted';

export const TONE_COLOUR: Record<Tone, string> = {
  ok: 'green',
  bad: 'red',
  warn: 'yellow',
  accent: 'cyan',
  muted: 'gray',
};
