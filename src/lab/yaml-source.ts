// A probelab YAML file (a lab or a workshop) read into a schema-checked value, with every
// problem located: file:line:col plus the field path. Shared by both loaders so the two kinds of
// file report problems the same way.

import { readFile } from 'node:fs/promises';
import { isMap, isScalar, LineCounter, parseAllDocuments, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type * as z from 'zod';
import { formatPath, problemsFromIssues, type Path, type Problem } from './problems.js';

export interface LabError {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}

export function formatLabError(error: LabError): string {
  return `${error.file}:${error.line}:${error.column} ${error.path ? `${error.path}: ` : ''}${error.message}`;
}

export type Checked<T> = { ok: true; value: T; locate(problem: Problem): LabError } | { ok: false; errors: LabError[] };

/** The file's text, or one error naming the file when it cannot be read. */
export async function readSource(file: string, kind: string): Promise<{ ok: true; text: string } | { ok: false; errors: LabError[] }> {
  try {
    return { ok: true, text: await readFile(file, 'utf8') };
  } catch (error) {
    return { ok: false, errors: [{ file, line: 1, column: 1, path: '', message: `cannot read the ${kind} file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }] };
  }
}

/**
 * Parses one YAML document and checks it against `schema`. `locate` turns later problems (the
 * checks a schema cannot express) into errors pointing at the same file.
 */
export function checkSource<T>(text: string, file: string, kind: string, schema: z.ZodType<T>, knownKeys: () => Set<string>): Checked<T> {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  if (documents.length > 1) {
    return { ok: false, errors: [{ file, ...toLineCol(lineCounter.linePos(documents[1]!.range[0])), path: '', message: `a ${kind} file holds one YAML document; found another after "---"` }] };
  }
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => toLineCol(lineCounter.linePos(offset));
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => ({ file, ...at(e.pos[0]), path: '', message: `YAML: ${e.message.split('\n')[0]}` })) };
  }
  const data: unknown = doc.toJS();
  const locate = (problem: Problem): LabError => ({ file, ...at(offsetOf(doc, problem.path, problem.atKey)), path: formatPath(problem.path), message: problem.message });
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { ok: false, errors: problemsFromIssues(parsed.error.issues, data, knownKeys()).map(locate) };
  return { ok: true, value: parsed.data, locate };
}

function toLineCol(pos: { line: number; col: number }): { line: number; column: number } {
  return { line: pos.line, column: pos.col };
}

/** The offset of the YAML node at `path`, or of its nearest existing ancestor (for a missing key). */
function offsetOf(doc: Document, path: Path, atKey = false): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    if (atKey && depth === path.length && depth > 0) {
      const parent = prefix.length > 1 ? doc.getIn(prefix.slice(0, -1), true) : doc.contents;
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === prefix[prefix.length - 1]);
        const key = pair?.key as YamlNode | undefined;
        if (key?.range) return key.range[0];
      }
      continue;
    }
    const node = (depth === 0 ? doc.contents : doc.getIn(prefix, true)) as YamlNode | null | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) return node.range[0];
  }
  return 0;
}
