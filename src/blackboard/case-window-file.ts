import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import type { CaseColumns } from './case-search.js';
import type { CaseTerms } from './case-terms.js';
import { averageOf, CASE_FIELD_COUNT } from './case-terms.js';

/**
 * What the file holds. Bump when the documents made of a line (`caseDocuments`, the line parse
 * behind it) or the terms made of a document (`buildCaseTerms`) change: the file answers for the
 * bytes of a range of the blackboard, this covers the code that read them.
 */
const FORMAT = 'case-window/3';
export const CASE_WINDOW_FILE = 'window.idx';

/** The case index of the receipt lines in `[start, end)` of a blackboard, as kept between missions. */
export interface CaseWindow {
  /** Byte offsets of the range: a line start, and the end of a line's newline. */
  start: number;
  end: number;
  /** sha256 (hex) of the blackboard's bytes in `[start, end)`: the range's content, checked before use. */
  sha256: string;
  /** Byte offset of every line of the range (receipts or not), ascending. */
  lines: Float64Array;
  /** Byte offset of each document's line, ascending. */
  documentStarts: Float64Array;
  columns: CaseColumns;
  terms: CaseTerms;
}

interface Header {
  format: string;
  start: number;
  end: number;
  sha256: string;
  lines: number;
  documents: number;
  firstDocument: number;
  terms: number;
  postings: number;
  fieldLengthTotals: number[];
  /** Bytes after the header line, and their sha256: a torn or edited file is no index. */
  bodyBytes: number;
  body: string;
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The file's bytes: a JSON header line, a JSON line of the terms and columns, then the arrays. */
export function encodeCaseWindow(window: CaseWindow): Buffer {
  const { terms, columns } = window;
  const text = Buffer.from(
    `${JSON.stringify({
      terms: terms.terms,
      missionIds: columns.missionIds,
      seqs: columns.seqs,
      summaries: columns.summaries,
    })}\n`,
  );
  const arrays = [window.lines, window.documentStarts, terms.fieldLengths, terms.offsets, terms.postings];
  const body = Buffer.concat([
    text,
    ...arrays.map((array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength)),
  ]);
  const header: Header = {
    format: FORMAT,
    start: window.start,
    end: window.end,
    sha256: window.sha256,
    lines: window.lines.length,
    documents: terms.documentCount,
    firstDocument: terms.firstDocument,
    terms: terms.terms.length,
    postings: terms.postings.length / 2,
    fieldLengthTotals: terms.fieldLengthTotals,
    bodyBytes: body.length,
    body: sha256Hex(body),
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]);
}

/** A copy of `length` bytes at `at` as a typed array (copied: the source may not be aligned). */
function arrayAt<T>(bytes: Buffer, at: number, length: number, make: (buffer: ArrayBuffer) => T): T {
  return make(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + length) as ArrayBuffer);
}

const isStrings = (value: unknown, length: number): value is string[] =>
  Array.isArray(value) && value.length === length && value.every((item) => typeof item === 'string');

/**
 * The window a file holds, or undefined when it is not one this build wrote whole: the format, the
 * sizes and the sha256 of everything after the header must match, so a torn or edited file is a
 * miss, never an index of other bytes.
 */
export function decodeCaseWindow(bytes: Buffer): CaseWindow | undefined {
  if (endianness() !== 'LE') return undefined;
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return undefined;
  const body = bytes.subarray(newline + 1);
  try {
    const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Header;
    if (header.format !== FORMAT || header.bodyBytes !== body.length || sha256Hex(body) !== header.body)
      return undefined;
    const textEnd = body.indexOf(0x0a);
    if (textEnd < 0) return undefined;
    const text = JSON.parse(body.subarray(0, textEnd).toString('utf8')) as Record<string, unknown>;
    const { documents } = header;
    const linesBytes = header.lines * 8;
    const startsBytes = documents * 8;
    const lengthsBytes = documents * CASE_FIELD_COUNT * 4;
    const offsetsBytes = (header.terms * CASE_FIELD_COUNT + 1) * 4;
    const postingsBytes = header.postings * 8;
    let at = textEnd + 1;
    if (body.length !== at + linesBytes + startsBytes + lengthsBytes + offsetsBytes + postingsBytes)
      return undefined;
    const lines = arrayAt(body, at, linesBytes, (buffer) => new Float64Array(buffer));
    at += linesBytes;
    const documentStarts = arrayAt(body, at, startsBytes, (buffer) => new Float64Array(buffer));
    at += startsBytes;
    const fieldLengths = arrayAt(body, at, lengthsBytes, (buffer) => new Uint32Array(buffer));
    at += lengthsBytes;
    const offsets = arrayAt(body, at, offsetsBytes, (buffer) => new Uint32Array(buffer));
    at += offsetsBytes;
    const postings = arrayAt(body, at, postingsBytes, (buffer) => new Uint32Array(buffer));
    const { terms, missionIds, seqs, summaries } = text;
    if (!isStrings(terms, header.terms) || !isStrings(missionIds, documents)) return undefined;
    if (!isStrings(summaries, documents) || !Array.isArray(seqs) || seqs.length !== documents)
      return undefined;
    const totals = header.fieldLengthTotals;
    if (!Array.isArray(totals) || totals.length !== CASE_FIELD_COUNT) return undefined;
    if (!Number.isSafeInteger(header.firstDocument) || header.firstDocument < 0) return undefined;
    if (
      offsets[offsets.length - 1] !== header.postings ||
      lines[0] !== (header.lines > 0 ? header.start : undefined)
    )
      return undefined;
    return {
      start: header.start,
      end: header.end,
      sha256: header.sha256,
      lines,
      documentStarts,
      columns: { missionIds, seqs: seqs as number[], summaries },
      terms: {
        documentCount: documents,
        firstDocument: header.firstDocument,
        fieldLengthTotals: totals,
        averageFieldLength: averageOf(totals, documents),
        terms,
        offsets,
        postings,
        fieldLengths,
      },
    };
  } catch {
    return undefined;
  }
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
