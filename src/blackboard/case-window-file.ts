import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import type { CaseStored } from './case-search.js';
import type { CaseTerms } from './case-terms.js';
import { CASE_FIELD_COUNT } from './case-terms.js';
import { averageFieldLengths } from './case-terms-merge.js';

/**
 * What the file holds. Bump when the documents made of a line (`caseDocuments`, the line parse
 * behind it) or the terms made of a document (`buildCaseTerms`) change: the file answers for the
 * bytes of a range of the blackboard, this covers the code that read them.
 */
const FORMAT = 'case-window/1';
export const CASE_WINDOW_FILE = 'window.idx';

/** The case index of the receipt lines in `[start, end)` of a blackboard, as kept between missions. */
export interface CaseWindow {
  /** Byte offsets of the range: a line start, and the end of a line's newline. */
  start: number;
  end: number;
  /** sha256 (hex) of the blackboard's bytes in `[start, end)`: the range's content, checked before use. */
  sha256: string;
  /** Byte offset of each document's line, ascending. */
  lineStarts: Float64Array;
  stored: CaseStored[];
  terms: CaseTerms;
}

interface Header {
  format: string;
  start: number;
  end: number;
  sha256: string;
  documents: number;
  terms: number;
  postings: number;
  /** Bytes after the header line, and their sha256: a torn or edited file is no index. */
  bodyBytes: number;
  body: string;
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The file's bytes: a JSON header line, a JSON line of terms and stored fields, then the arrays. */
export function encodeCaseWindow(window: CaseWindow): Buffer {
  const { terms } = window;
  const text = Buffer.from(
    `${JSON.stringify({
      terms: terms.terms,
      stored: window.stored.map((item) => [item.mission_id, item.seq, item.summary]),
    })}\n`,
  );
  const arrays = [window.lineStarts, terms.fieldLengths, terms.offsets, terms.postings];
  const body = Buffer.concat([
    text,
    ...arrays.map((array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength)),
  ]);
  const header: Header = {
    format: FORMAT,
    start: window.start,
    end: window.end,
    sha256: window.sha256,
    documents: terms.documentCount,
    terms: terms.terms.length,
    postings: terms.postings.length / 2,
    bodyBytes: body.length,
    body: sha256Hex(body),
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]);
}

/** A copy of `length` bytes at `at` as a typed array (copied: the source may not be aligned). */
function arrayAt<T>(bytes: Buffer, at: number, length: number, make: (buffer: ArrayBuffer) => T): T {
  return make(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + length) as ArrayBuffer);
}

/** The window a file holds, or undefined when it is not one this build wrote whole. */
export function decodeCaseWindow(bytes: Buffer): CaseWindow | undefined {
  if (endianness() !== 'LE') return undefined;
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return undefined;
  let header: Header;
  let text: { terms?: unknown; stored?: unknown };
  const body = bytes.subarray(newline + 1);
  try {
    header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Header;
    if (header.format !== FORMAT || header.bodyBytes !== body.length || sha256Hex(body) !== header.body)
      return undefined;
    const textEnd = body.indexOf(0x0a);
    if (textEnd < 0) return undefined;
    text = JSON.parse(body.subarray(0, textEnd).toString('utf8')) as typeof text;
    const documents = header.documents;
    const startsBytes = documents * 8;
    const lengthsBytes = documents * CASE_FIELD_COUNT * 4;
    const offsetsBytes = (header.terms * CASE_FIELD_COUNT + 1) * 4;
    const postingsBytes = header.postings * 8;
    let at = textEnd + 1;
    if (body.length !== at + startsBytes + lengthsBytes + offsetsBytes + postingsBytes) return undefined;
    const lineStarts = arrayAt(body, at, startsBytes, (buffer) => new Float64Array(buffer));
    at += startsBytes;
    const fieldLengths = arrayAt(body, at, lengthsBytes, (buffer) => new Uint32Array(buffer));
    at += lengthsBytes;
    const offsets = arrayAt(body, at, offsetsBytes, (buffer) => new Uint32Array(buffer));
    at += offsetsBytes;
    const postings = arrayAt(body, at, postingsBytes, (buffer) => new Uint32Array(buffer));
    const terms = text.terms;
    const stored = text.stored;
    if (!Array.isArray(terms) || terms.length !== header.terms || !Array.isArray(stored)) return undefined;
    if (stored.length !== documents) return undefined;
    const window: CaseWindow = {
      start: header.start,
      end: header.end,
      sha256: header.sha256,
      lineStarts,
      stored: stored.map((item) => {
        const [mission_id, seq, summary] = item as [string, number, string];
        return { mission_id, seq, summary };
      }),
      terms: {
        documentCount: documents,
        averageFieldLength: averageFieldLengths(fieldLengths, documents),
        terms: terms as string[],
        offsets,
        postings,
        fieldLengths,
      },
    };
    return windowProblem(window, stored) ? undefined : window;
  } catch {
    return undefined;
  }
}

/** Whether the decoded arrays cannot be an index (the body's hash makes this a second line of defence). */
function windowProblem(window: CaseWindow, stored: unknown[]): boolean {
  const { terms, lineStarts } = window;
  if (typeof window.sha256 !== 'string' || !(window.start <= window.end)) return true;
  for (const item of stored) {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || typeof item[1] !== 'number') return true;
    if (typeof item[2] !== 'string') return true;
  }
  for (let at = 0; at < terms.terms.length; at += 1) {
    const term = terms.terms[at];
    if (typeof term !== 'string' || (at > 0 && !((terms.terms[at - 1] as string) < term))) return true;
  }
  for (let at = 0; at < lineStarts.length; at += 1) {
    const start = lineStarts[at] as number;
    if (
      !(start >= window.start && start < window.end) ||
      (at > 0 && !((lineStarts[at - 1] as number) < start))
    )
      return true;
  }
  const { offsets, postings } = terms;
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== postings.length / 2) return true;
  for (let at = 1; at < offsets.length; at += 1)
    if ((offsets[at] as number) < (offsets[at - 1] as number)) return true;
  for (let at = 0; at < postings.length; at += 2)
    if ((postings[at] as number) >= terms.documentCount || postings[at + 1] === 0) return true;
  return false;
}

/** The window kept in `dir`, or undefined (missing, torn, edited or of another format). */
export function readCaseWindow(dir: string): CaseWindow | undefined {
  try {
    return decodeCaseWindow(readFileSync(join(dir, CASE_WINDOW_FILE)));
  } catch {
    return undefined;
  }
}

/** Written beside its final name and renamed (a reader sees all of it or nothing), mode 0600. */
export function keepCaseWindow(dir: string, window: CaseWindow): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const name of readdirSync(dir)) {
      const at = join(dir, name);
      // A temporary file a crash left behind (another writer's lives for milliseconds, not a minute),
      // and the per-line documents of the format before this one.
      if (name === 'documents.json' || (name.endsWith('.tmp') && Date.now() - statSync(at).mtimeMs > 60_000))
        rmSync(at, { force: true });
    }
    const file = join(dir, CASE_WINDOW_FILE);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, encodeCaseWindow(window), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // A cache: a mission does not fail because its history could not be kept.
  }
}
