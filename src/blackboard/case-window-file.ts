import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import type { CaseColumns, CaseSegment } from './case-segment.js';
import type { CaseTerms } from './case-terms.js';
import { averageOf, CASE_FIELD_COUNT } from './case-terms.js';
import type { CaseRows, CaseVocabulary, FuzzyTables, PackedStrings } from './case-vocabulary.js';
import {
  concatPacked,
  fuzzyTablesOf,
  packStrings,
  slicePacked,
  unpackAll,
  unpackedAt,
} from './case-vocabulary.js';

/**
 * What the file holds. Bump when the documents made of a line (`caseDocuments`, the line parse
 * behind it) or the terms made of a document (`buildCaseTerms`) change: the file answers for the
 * bytes of a range of the blackboard, this covers the code that read them.
 */
const FORMAT = 'case-window/4';
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
  columns: PackedColumns;
  terms: CaseTerms;
  /** The fuzzy tables of `terms.terms` when they were made already (else made here). */
  fuzzy?: FuzzyTables;
}

/**
 * A kept window as read back: its terms and rows are decoded one at a time when a search asks for
 * them (`segment.vocabulary`, `rows`), or all at once to merge it into the next file (`terms()`).
 */
export interface StoredCaseWindow {
  start: number;
  end: number;
  sha256: string;
  lines: Float64Array;
  documentStarts: Float64Array;
  segment: CaseSegment;
  rows: CaseRows;
  /** Every term decoded, as `CaseTerms` (for `windowTerms`). */
  terms(): CaseTerms;
  /** The columns of documents `[first, last)`, as the file holds them (not decoded). */
  columns(first: number, last: number): PackedColumns;
}

/** What a hit shows of each document, as the file holds it. */
export interface PackedColumns {
  missionIds: PackedStrings;
  summaries: PackedStrings;
  seqs: Float64Array;
}

/** Columns packed for the file. */
export function packColumns(columns: CaseColumns): PackedColumns {
  return {
    missionIds: packStrings(columns.missionIds),
    summaries: packStrings(columns.summaries),
    seqs: Float64Array.from(columns.seqs),
  };
}

/** `left`'s documents then `right`'s. */
export function concatColumns(left: PackedColumns, right: PackedColumns): PackedColumns {
  const seqs = new Float64Array(left.seqs.length + right.seqs.length);
  seqs.set(left.seqs);
  seqs.set(right.seqs, left.seqs.length);
  return {
    missionIds: concatPacked(left.missionIds, right.missionIds),
    summaries: concatPacked(left.summaries, right.summaries),
    seqs,
  };
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
  /** Entries of the fuzzy tables' `lengthStarts`. */
  lengthStarts: number;
  /** Per packed string run (terms, mission ids, summaries): UTF-16LE rather than Latin-1, and its bytes. */
  wide: boolean[];
  packedBytes: number[];
  /** Bytes after the header line, and their sha256: a torn or edited file is no index. */
  bodyBytes: number;
  body: string;
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const bytesOf = (array: Float64Array | Uint32Array) =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength);

/**
 * The file's bytes: a JSON header line, then the arrays as little-endian bytes (offsets, field
 * lengths, postings, the fuzzy tables, the seqs, each packed string's end), then the terms, mission
 * ids and summaries as packed strings (decoded one by one when read: `unpackedAt`).
 */
export function encodeCaseWindow(window: CaseWindow): Buffer {
  const { terms, columns } = window;
  const fuzzy = window.fuzzy ?? fuzzyTablesOf(terms.terms);
  const packed = [packStrings(terms.terms), columns.missionIds, columns.summaries];
  const arrays = [
    window.lines,
    window.documentStarts,
    columns.seqs,
    terms.fieldLengths,
    terms.offsets,
    terms.postings,
    fuzzy.masks,
    fuzzy.byLength,
    fuzzy.lengthStarts,
    ...packed.map((strings) => strings.ends),
  ];
  const body = Buffer.concat([...arrays.map(bytesOf), ...packed.map((strings) => strings.bytes)]);
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
    lengthStarts: fuzzy.lengthStarts.length,
    wide: packed.map((strings) => strings.wide),
    packedBytes: packed.map((strings) => strings.bytes.length),
    bodyBytes: body.length,
    body: sha256Hex(body),
  };
  // Spaces before the header's newline put the body at a multiple of 8 bytes: read back, its
  // arrays are views of the file's bytes, not copies.
  const line = JSON.stringify(header);
  const padding = ' '.repeat((8 - ((line.length + 1) % 8)) % 8);
  return Buffer.concat([Buffer.from(`${line}${padding}\n`), body]);
}

/** `part`'s bytes as a typed array: a view where they are aligned, else a copy. */
function arrayOf<T>(
  part: Buffer,
  unit: number,
  make: (buffer: ArrayBuffer, offset: number, length: number) => T,
): T {
  if (part.byteOffset % unit === 0)
    return make(part.buffer as ArrayBuffer, part.byteOffset, part.length / unit);
  const copy = part.buffer.slice(part.byteOffset, part.byteOffset + part.length) as ArrayBuffer;
  return make(copy, 0, part.length / unit);
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** Packed strings whose last end is their bytes' end (a file this build wrote always is). */
function packedAt(ends: Uint32Array, bytes: Buffer, wide: boolean): PackedStrings | undefined {
  const last = ends.length === 0 ? 0 : (ends[ends.length - 1] as number);
  return last * (wide ? 2 : 1) === bytes.length ? { wide, ends, bytes } : undefined;
}

/**
 * The window a file holds, or undefined when it is not one this build wrote whole: the format, the
 * sizes and the sha256 of everything after the header must match, so a torn or edited file is a
 * miss, never an index of other bytes. Terms, mission ids and summaries stay packed in the file's
 * bytes until a search reads them.
 */
export function decodeCaseWindow(bytes: Buffer): StoredCaseWindow | undefined {
  if (endianness() !== 'LE') return undefined;
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return undefined;
  const body = bytes.subarray(newline + 1);
  try {
    const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Header;
    if (header.format !== FORMAT || header.bodyBytes !== body.length || sha256Hex(body) !== header.body)
      return undefined;
    const { documents, terms: termCount } = header;
    const counts = [
      header.lines,
      documents,
      termCount,
      header.postings,
      header.lengthStarts,
      header.firstDocument,
    ];
    if (!counts.every(isCount) || !Array.isArray(header.packedBytes) || header.packedBytes.length !== 3)
      return undefined;
    if (!header.packedBytes.every(isCount) || !Array.isArray(header.wide) || header.wide.length !== 3)
      return undefined;
    const totals = header.fieldLengthTotals;
    if (!Array.isArray(totals) || totals.length !== CASE_FIELD_COUNT || !totals.every(isCount))
      return undefined;
    const sizes = [
      header.lines * 8,
      documents * 8,
      documents * 8,
      documents * CASE_FIELD_COUNT * 4,
      (termCount * CASE_FIELD_COUNT + 1) * 4,
      header.postings * 8,
      termCount * 4,
      termCount * 4,
      header.lengthStarts * 4,
      termCount * 4,
      documents * 4,
      documents * 4,
      ...header.packedBytes,
    ];
    if (sizes.reduce((sum, size) => sum + size, 0) !== body.length) return undefined;
    const parts: Buffer[] = [];
    let at = 0;
    for (const size of sizes) {
      parts.push(body.subarray(at, at + size));
      at += size;
    }
    const f64 = (index: number) =>
      arrayOf(
        parts[index] as Buffer,
        8,
        (buffer, offset, length) => new Float64Array(buffer, offset, length),
      );
    const u32 = (index: number) =>
      arrayOf(parts[index] as Buffer, 4, (buffer, offset, length) => new Uint32Array(buffer, offset, length));
    const lines = f64(0);
    const documentStarts = f64(1);
    const seqs = f64(2);
    const fieldLengths = u32(3);
    const offsets = u32(4);
    const postings = u32(5);
    const tables: FuzzyTables = { masks: u32(6), byLength: u32(7), lengthStarts: u32(8) };
    const packed = [0, 1, 2].map((index) =>
      packedAt(u32(9 + index), parts[12 + index] as Buffer, header.wide[index] === true),
    );
    const [termStrings, missionStrings, summaryStrings] = packed;
    if (termStrings === undefined || missionStrings === undefined || summaryStrings === undefined)
      return undefined;
    if (
      offsets[offsets.length - 1] !== header.postings ||
      lines[0] !== (header.lines > 0 ? header.start : undefined) ||
      (tables.lengthStarts.length > 0 ? tables.lengthStarts[tables.lengthStarts.length - 1] : 0) !== termCount
    )
      return undefined;
    const term = unpackedAt(termStrings);
    const missionId = unpackedAt(missionStrings);
    const summary = unpackedAt(summaryStrings);
    const vocabulary: CaseVocabulary = {
      length: termCount,
      at: term,
      byLength: () => tables.byLength,
      lengthStarts: () => tables.lengthStarts,
      masks: () => tables.masks,
    };
    const segment: CaseSegment = {
      documentCount: documents,
      firstDocument: header.firstDocument,
      fieldLengthTotals: totals,
      vocabulary,
      offsets,
      postings,
      fieldLengths,
    };
    return {
      start: header.start,
      end: header.end,
      sha256: header.sha256,
      lines,
      documentStarts,
      segment,
      rows: { count: documents, missionId, seq: (document) => seqs[document] as number, summary },
      terms: () => ({
        documentCount: documents,
        firstDocument: header.firstDocument,
        fieldLengthTotals: [...totals],
        averageFieldLength: averageOf(totals, documents),
        terms: unpackAll(termStrings),
        offsets,
        postings,
        fieldLengths,
      }),
      columns: (first, last) => ({
        missionIds: slicePacked(missionStrings, first, last),
        summaries: slicePacked(summaryStrings, first, last),
        seqs: seqs.slice(first, last),
      }),
    };
  } catch {
    return undefined;
  }
}

/** The window kept in `dir`, or undefined (missing, torn, edited or of another format). */
export function readCaseWindow(dir: string): StoredCaseWindow | undefined {
  try {
    return decodeCaseWindow(readFileSync(join(dir, CASE_WINDOW_FILE)));
  } catch {
    return undefined;
  }
}

/** Written beside its final name and renamed (a reader sees all of it or nothing), mode 0600. */
export function keepCaseWindow(dir: string, window: CaseWindow): void {
  let temporary: string | undefined;
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
    temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, encodeCaseWindow(window), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // A cache: a mission does not fail because its history could not be kept. A temporary file a
    // failed write left (a full disk) is removed now, not a minute later by the next writer.
    try {
      if (temporary !== undefined) rmSync(temporary, { force: true });
    } catch {
      // Left for the next writer's sweep.
    }
  }
}
