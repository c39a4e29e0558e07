// Every pane is a pure function to lines of styled segments plus this renderer, so the layout
// can count a pane's height before drawing it, and a line never wraps: each is one <Text> that
// ink truncates as a last resort (the panes already cut their text to the width).

import { Box, Text } from 'ink';
import { TONE_COLOUR, useTheme, type Tone } from './theme.js';

export interface Segment {
  text: string;
  tone?: Tone;
  bold?: boolean;
  /** A value that just changed: inverse (and a colour when allowed). */
  highlight?: boolean;
}

export interface Line {
  key: string;
  segments: Segment[];
}

export function line(key: string, ...segments: (Segment | string)[]): Line {
  return { key, segments: segments.map((s) => (typeof s === 'string' ? { text: s } : s)) };
}

export function Lines({ lines }: { lines: readonly Line[] }) {
  const { colour } = useTheme();
  return (
    <Box flexDirection="column">
      {lines.map((l) => (
        <Text key={l.key} wrap="truncate-end">
          {l.segments.length === 0 ? ' ' : l.segments.map((s, i) => <Styled key={i} segment={s} colour={colour} />)}
        </Text>
      ))}
    </Box>
  );
}

function Styled({ segment, colour }: { segment: Segment; colour: boolean }) {
  const { text, tone, bold, highlight } = segment;
  if (highlight) {
    return colour ? (
      <Text backgroundColor="yellow" color="black" bold>
        {text}
      </Text>
    ) : (
      <Text inverse bold>
        {text}
      </Text>
    );
  }
  if (!tone) return bold ? <Text bold>{text}</Text> : <Text>{text}</Text>;
  if (!colour) return <Text bold={bold || tone === 'bad'} dimColor={tone === 'muted'}>{text}</Text>;
  return (
    <Text color={TONE_COLOUR[tone]} bold={bold}>
      {text}
    </Text>
  );
}
