import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseDocument, CaseIndex } from './create-case-index.js';
import { caseDocuments, caseIndexFromDocuments } from './create-case-index.js';
import { parseReceiptLine } from './parse-receipt-line.js';
import type { ReadRecentOptions } from './read-recent-receipts.js';
import { readRecentLines } from './read-recent-receipts.js';

/**
 * What the cache file holds. Bump when `caseDocuments` (or the line parse behind it) changes what it
 * makes of a line: each entry is keyed by its line's bytes, this covers the code that read them.
 */
const FORMAT = 'case-documents/2';
const FILE = 'documents.json';

export interface LoadCaseIndexOptions extends ReadRecentOptions {
  /** Where the window's case documents are kept by line content (`hfo_cache/case_index`); absent: not kept. */
  cacheDir?: string;
}

/** The case index, and how many of the window's lines were read back rather than parsed. */
export interface LoadedCaseIndex {
  cases: CaseIndex;
  /** Lines of the window whose documents came from the cache (0 without `cacheDir`). */
  reused: number;
  /** Lines of the window. */
  lines: number;
}

/** What one line gave: its document without the id (a position), or null for a line that is no receipt. */
type Kept = Omit<CaseDocument, 'id'> | null;

/**
 * The case index over the history's recent window (see `readRecentReceiptsWithStats`), the same
 * as `createCaseIndex(await readRecentReceipts(path, options))`. With `cacheDir`, what each line of
 * the window gave is kept under the sha256 of the line's bytes: the next mission's window (the same
 * lines, shifted by what was appended since) parses and checks only its new lines. An entry answers
 * only for the bytes it was made from; a cache file that cannot be read is rebuilt.
 */
export async function loadCaseIndex(
  path: string,
  options: LoadCaseIndexOptions = {},
): Promise<LoadedCaseIndex> {
  const { lines } = await readRecentLines(path, options);
  const dir = options.cacheDir;
  const file = dir === undefined ? undefined : join(dir, FILE);
  const known = file === undefined ? new Map<string, Kept>() : readKept(file);
  const entries: Array<[string, Kept]> = [];
  const documents: CaseDocument[] = [];
  let reused = 0;
  for (const line of lines) {
    const key = file === undefined ? '' : createHash('sha256').update(line).digest('base64');
    let kept = known.get(key);
    if (kept === undefined) kept = keptOf(line);
    else reused += 1;
    entries.push([key, kept]);
    if (kept !== null) documents.push({ id: documents.length, ...kept });
  }
  // Written when the window holds a line the file did not, or the file holds lines it no longer does.
  if (dir !== undefined && file !== undefined && (reused < lines.length || known.size !== lines.length))
    keep(dir, file, entries);
  return { cases: caseIndexFromDocuments(documents), reused, lines: lines.length };
}

/** What `caseDocuments` makes of one line (parsed and checked as a receipt), without the id. */
function keptOf(line: string): Kept {
  const parsed = parseReceiptLine(line);
  if (parsed.kind !== 'receipt') return null;
  const [document] = caseDocuments([parsed.receipt]);
  if (document === undefined) return null;
  const { id: _position, ...kept } = document;
  return kept;
}

function isKept(value: unknown): value is Kept {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  const item = value as Record<string, unknown>;
  return (
    typeof item.mission_id === 'string' &&
    typeof item.seq === 'number' &&
    typeof item.summary === 'string' &&
    typeof item.phase === 'string' &&
    typeof item.details === 'string'
  );
}

/** The kept entries by line hash; empty when the file is missing, torn or not ours. */
function readKept(file: string): Map<string, Kept> {
  const known = new Map<string, Kept>();
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return known;
  }
  const record = value as { format?: unknown; entries?: unknown } | null;
  if (record?.format !== FORMAT || !Array.isArray(record.entries)) return known;
  for (const entry of record.entries as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !isKept(entry[1])) return new Map();
    known.set(entry[0], entry[1]);
  }
  return known;
}

/** Written beside its final name and renamed (a reader sees all of it or nothing). */
function keep(dir: string, file: string, entries: ReadonlyArray<[string, Kept]>): void {
  try {
    mkdirSync(dir, { recursive: true });
    // A temporary file a crash left behind (another writer's lives for milliseconds, not a minute).
    for (const name of readdirSync(dir).filter((item) => item.endsWith('.tmp'))) {
      const at = join(dir, name);
      if (Date.now() - statSync(at).mtimeMs > 60_000) rmSync(at, { force: true });
    }
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ format: FORMAT, entries }), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // A cache: a mission does not fail because its history could not be kept.
  }
}
