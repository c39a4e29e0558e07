// Every pane is a pure function to lines of styled segments plus this renderer, so the layout
// can count a pane's height before drawing it, and a line never wraps: each is one <Text> that
// ink truncates as a last resort (the panes already cut their text to the width). A line whose
// segments are the same as in the last frame is not rendered again: a busy namespace changes a
// few rows of a screen between frames, and React and ink then only lay out those.

import { memo } from 'react';
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
        <LineText key={l.key} segments={l.segments} colour={colour} />
      ))}
    </Box>
  );
}

interface LineTextProps {
  segments: readonly Segment[];
  colour: boolean;
}

const LineText = memo(
  function LineText({ segments, colour }: LineTextProps) {
    return <Text wrap="truncate-end">{segments.length === 0 ? ' ' : joinPlain(segments).map((s, i) => <Styled key={i} segment={s} colour={colour} />)}</Text>;
  },
  (before, after) => before.colour === after.colour && sameSegments(before.segments, after.segments),
);

/** Neighbouring segments without any style drawn as one: a quiet table row is one text node, not ten. */
function joinPlain(segments: readonly Segment[]): Segment[] {
  const joined: Segment[] = [];
  for (const segment of segments) {
    const last = joined.at(-1);
    if (last && isPlain(last) && isPlain(segment)) joined[joined.length - 1] = { text: last.text + segment.text };
    else joined.push(segment);
  }
  return joined;
}

const isPlain = (segment: Segment) => !segment.tone && !segment.bold && !segment.highlight;

function sameSegments(a: readonly Segment[], b: readonly Segment[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((s, i) => {
    const t = b[i]!;
    return s.text === t.text && s.tone === t.tone && s.bold === t.bold && s.highlight === t.highlight;
  });
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
