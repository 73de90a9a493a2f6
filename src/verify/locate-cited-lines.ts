import crypto, { createHash } from 'node:crypto';
import { sha256Hex } from '../contracts/index.js';
import { trimTrailingBlanks } from './trim-trailing-blanks.js';

/** Where the cited text is found now, and whether only its whitespace differs. */
export interface CitedLinesLocation {
  lines: [number, number];
  whitespaceOnly: boolean;
  /** The lines' text as it is now (joined with `\n`), when it was already built to find them. */
  text?: string;
}

/** One-shot hashing (Node ≥ 20.12) where there is one: no Hash object per window. */
const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: string, encoding: 'hex') => string })
  .hash;

function sha256Of(text: string): string {
  return oneShot === undefined ? sha256Hex(text) : oneShot('sha256', text, 'hex');
}

/** Most line windows hashed when looking for moved text; beyond it a mismatch stays a mismatch. */
const MAX_WINDOW_LINES = 2_000_000;
/** Most windows of one length indexed per file (≤ 9 keys each); a longer file is scanned instead. */
const MAX_INDEXED_WINDOWS = 50_000;

/**
 * How each line may have been spelled when only whitespace changed since: trailing blanks added,
 * indentation converted between tabs and 2 or 4 spaces, a BOM added. Variant `k` of a window is
 * transform `k` applied to each of its lines.
 */
const LINE_TRANSFORMS: readonly ((line: string) => string)[] = (() => {
  // Trailing blanks dropped by a scan from the end (the regex /[ \t]+$/ is quadratic in a run of blanks).
  const trim = trimTrailingBlanks;
  const indent = (from: RegExp, to: string) => (line: string) =>
    trim(line).replace(/^[ \t]+/, (lead) => lead.replace(from, to));
  return [
    trim,
    indent(/\t/g, '  '),
    indent(/\t/g, '    '),
    indent(/ {4}/g, '\t'),
    indent(/ {2}/g, '\t'),
    indent(/ {2}/g, '    '),
    indent(/ {4}/g, '  '),
    (line: string) => line.replace(/^\uFEFF/, ''),
  ];
})();

/**
 * Spellings the original lines may have had when only whitespace changed since: trailing blanks
 * added, indentation converted between tabs and 2 or 4 spaces. The ref holds only a hash, so the
 * current text is re-spelled and re-hashed; whitespace removed from the original cannot be undone.
 */
export function whitespaceVariants(lines: readonly string[]): string[] {
  return [...new Set(LINE_TRANSFORMS.map((transform) => lines.map(transform).join('\n')))];
}

/**
 * A file's lines with each transform applied once, and per window length the 48-bit hash prefixes
 * of every window in every spelling, sorted: moved text is found by binary search, then confirmed
 * by full hashes, instead of re-spelling and re-hashing every window for every ref.
 */
interface FileWindows {
  transformed: readonly (readonly string[])[];
  bySpan: Map<number, WindowIndex>;
}

interface WindowIndex {
  /** Hash prefixes, ascending. */
  keys: Float64Array;
  /** The 1-based first line of the window each key came from. */
  firsts: Int32Array;
}

/** Per lines array (the resolver reads each file once; identical texts share one array). */
const windowsOf = new WeakMap<readonly string[], FileWindows>();

function fileWindows(lines: readonly string[]): FileWindows {
  let windows = windowsOf.get(lines);
  if (windows === undefined) {
    windows = { transformed: LINE_TRANSFORMS.map((transform) => lines.map(transform)), bySpan: new Map() };
    windowsOf.set(lines, windows);
  }
  return windows;
}

function hashPrefix(text: string): number {
  return createHash('sha256').update(text, 'utf8').digest().readUIntBE(0, 6);
}

function buildWindowIndex(lines: readonly string[], windows: FileWindows, span: number): WindowIndex {
  const count = lines.length - span;
  const keys: number[] = [];
  const firsts: number[] = [];
  for (let first = 1; first <= count; first += 1) {
    const exact = lines.slice(first - 1, first + span).join('\n');
    const seen = new Set([exact]);
    keys.push(hashPrefix(exact));
    firsts.push(first);
    for (const variantLines of windows.transformed) {
      const variant = variantLines.slice(first - 1, first + span).join('\n');
      if (seen.has(variant)) continue;
      seen.add(variant);
      keys.push(hashPrefix(variant));
      firsts.push(first);
    }
  }
  const order = keys
    .map((_, index) => index)
    .sort((left, right) => (keys[left] as number) - (keys[right] as number));
  return {
    keys: Float64Array.from(order, (index) => keys[index] as number),
    firsts: Int32Array.from(order, (index) => firsts[index] as number),
  };
}

/** Windows whose hash in some spelling starts like `sha256` (candidates, to be confirmed). */
function candidateFirsts(index: WindowIndex, sha256: string): number[] {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return [];
  const key = Number.parseInt(sha256.slice(0, 12), 16);
  let low = 0;
  let high = index.keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((index.keys[middle] as number) < key) low = middle + 1;
    else high = middle;
  }
  const found: number[] = [];
  for (let at = low; at < index.keys.length && index.keys[at] === key; at += 1) {
    found.push(index.firsts[at] as number);
  }
  return found;
}

/** A window of a file's lines: its text as it is, its hash, and the hashes of its other spellings. */
interface WindowHashes {
  text: string;
  exact: string;
  /** Hashes of the spellings that differ from the text and from each other, in transform order. */
  variants?: readonly string[];
}

/** Most windows remembered per lines array: refs cite few ranges; a flood of them is hashed afresh. */
const MAX_REMEMBERED_WINDOWS = 256;

/**
 * Window hashes per lines array, only for frozen arrays (the resolver's, shared by content across
 * resolvers and missions): their lines cannot change, so a window's hashes cannot either. The gate,
 * the disruptor's fresh resolver and the next missions check the same cited ranges again.
 */
const hashesOf = new WeakMap<readonly string[], Map<number, WindowHashes>>();

function windowHashes(lines: readonly string[], first: number, span: number): WindowHashes {
  // first < 2^32 and span < 2^21: the key is exact in a double and no two windows share it.
  const remembered = Object.isFrozen(lines) && span < 2 ** 21;
  const known = remembered ? hashesOf.get(lines) : undefined;
  const key = first * 2 ** 21 + span;
  const found = known?.get(key);
  if (found !== undefined) return found;
  const text = lines.slice(first - 1, first + span).join('\n');
  const entry: WindowHashes = { text, exact: sha256Of(text) };
  if (remembered) {
    const held = known ?? new Map<number, WindowHashes>();
    if (known === undefined) hashesOf.set(lines, held);
    if (held.size < MAX_REMEMBERED_WINDOWS) held.set(key, entry);
  }
  return entry;
}

function variantHashes(
  entry: WindowHashes,
  windows: FileWindows,
  first: number,
  span: number,
): readonly string[] {
  if (entry.variants !== undefined) return entry.variants;
  const seen = new Set([entry.text]);
  const hashes: string[] = [];
  for (const variantLines of windows.transformed) {
    const variant = variantLines.slice(first - 1, first + span).join('\n');
    if (seen.has(variant)) continue;
    seen.add(variant);
    hashes.push(sha256Of(variant));
  }
  entry.variants = hashes;
  return hashes;
}

function matches(
  lines: readonly string[],
  windows: FileWindows,
  first: number,
  span: number,
  sha256: string,
): 'exact' | 'whitespace' | undefined {
  const entry = windowHashes(lines, first, span);
  if (entry.exact === sha256) return 'exact';
  return variantHashes(entry, windows, first, span).includes(sha256) ? 'whitespace' : undefined;
}

/** The first lines of the windows that may hash to `sha256`, ascending. */
function windowsToTry(
  lines: readonly string[],
  windows: FileWindows,
  span: number,
  sha256: string,
): number[] {
  const count = lines.length - span;
  if (count > MAX_INDEXED_WINDOWS) return Array.from({ length: Math.max(0, count) }, (_, at) => at + 1);
  let index = windows.bySpan.get(span);
  if (index === undefined) {
    index = buildWindowIndex(lines, windows, span);
    windows.bySpan.set(span, index);
  }
  return [...new Set(candidateFirsts(index, sha256))].sort((left, right) => left - right);
}

/**
 * Finds the cited text: at the cited range first (exact, else whitespace-only), else anywhere in
 * the file with the same number of lines, nearest to where it was cited (the earlier one on a tie).
 * `undefined`: the text is not in the file any more (or the range is reversed).
 */
export function locateCitedLines(
  lines: readonly string[],
  range: readonly [number, number],
  sha256: string,
): CitedLinesLocation | undefined {
  const [start, end] = range;
  const span = end - start;
  if (!Number.isInteger(start) || !Number.isInteger(end) || span < 0) return undefined;
  if (start >= 1 && end <= lines.length) {
    const here = windowHashes(lines, start, span);
    if (here.exact === sha256) return { lines: [start, end], whitespaceOnly: false, text: here.text };
  }
  const windows = fileWindows(lines);
  if (start >= 1 && end <= lines.length) {
    const here = matches(lines, windows, start, span, sha256);
    if (here !== undefined) return { lines: [start, end], whitespaceOnly: here === 'whitespace' };
  }
  if ((span + 1) * lines.length > MAX_WINDOW_LINES) return undefined;
  let best: CitedLinesLocation | undefined;
  for (const first of windowsToTry(lines, windows, span, sha256)) {
    if (first === start) continue;
    const found = matches(lines, windows, first, span, sha256);
    if (found === undefined) continue;
    if (best === undefined || Math.abs(first - start) < Math.abs(best.lines[0] - start)) {
      best = { lines: [first, first + span], whitespaceOnly: found === 'whitespace' };
    }
  }
  return best;
}
