// A command laid out on lines of a given width so that the lines, selected and copied from the
// terminal as they are, still run as the same command: a break between arguments ends the line
// with ` \` (the shell joins the lines); a JSON argument too long for a line (a status patch)
// breaks inside its single quotes after a `,`, `{` or `[` of the JSON, where the newline and the
// indent are whitespace to JSON and to the YAML reader kubectl parses -p with. Any other word
// longer than a line is cut where the line ends: only the clipboard copy of it runs.

import { shellQuote } from '../report/kubectl.js';
import { cellWidth, headCells } from './text.js';

const CONTINUE = ' \\';

export function commandLines(argv: readonly string[], width: number, indent: string, hanging: string): string[] {
  const lines: string[] = [];
  let current = indent;
  let fresh = true; // nothing on the current line yet but its indent
  const units = flagUnits(argv);
  units.forEach((unit, index) => {
    const pieces = unitPieces(unit);
    const tail = index === units.length - 1 ? 0 : CONTINUE.length;
    const spaced = `${fresh ? '' : ' '}${pieces.join('')}`;
    if (cellWidth(current + spaced) + tail <= width) {
      current += spaced;
      fresh = false;
      return;
    }
    if (!fresh) {
      lines.push(current + CONTINUE);
      current = hanging;
    }
    pieces.forEach((piece, i) => {
      const room = width - (i === pieces.length - 1 ? tail : 0);
      if (i > 0 && cellWidth(current + piece) > room) {
        lines.push(current);
        current = hanging;
      }
      current += piece;
    });
    for (;;) {
      if (cellWidth(current) + tail <= width) break;
      const head = headCells(current, width - tail);
      if (head.length <= hanging.length) break;
      lines.push(head);
      current = hanging + current.slice(head.length);
    }
    fresh = false;
  });
  lines.push(current);
  return lines;
}

/** A one-letter flag stays on the line of its value (`-c readiness-deployment`, `-p '…'`). */
function flagUnits(argv: readonly string[]): string[][] {
  const units: string[][] = [];
  for (let i = 0; i < argv.length; i++) {
    const takesValue = /^-[A-Za-z]$/.test(argv[i]!) && i + 1 < argv.length;
    units.push(takesValue ? [argv[i]!, argv[++i]!] : [argv[i]!]);
  }
  return units;
}

/** The unit's words as they are typed, in pieces a line may end after. */
function unitPieces(unit: string[]): string[] {
  const words = unit.map(shellQuote);
  const json = jsonPieces(unit.at(-1)!, words.at(-1)!);
  if (!json) return [words.join(' ')];
  const before = words.slice(0, -1).join(' ');
  return before ? [`${before} ${json[0]}`, ...json.slice(1)] : json;
}

/** `'[{"op":…},…]'` split after each `,` `{` `[` outside JSON strings; undefined if not JSON in quotes. */
function jsonPieces(arg: string, word: string): string[] | undefined {
  if (word !== `'${arg}'` || !/^[[{]/.test(arg)) return undefined;
  try {
    JSON.parse(arg);
  } catch {
    return undefined;
  }
  const pieces: string[] = [];
  let start = 0;
  let inString = false;
  for (let i = 0; i < arg.length; i++) {
    const c = arg[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ',' || c === '{' || c === '[') {
      pieces.push(arg.slice(start, i + 1));
      start = i + 1;
    }
  }
  pieces.push(arg.slice(start));
  pieces[0] = `'${pieces[0]}`;
  pieces[pieces.length - 1] += "'";
  return pieces;
}
