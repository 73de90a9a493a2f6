import * as crypto from 'node:crypto';
import type { Receipt } from '../contracts/index.js';
import { canonicalJson } from './canonical-json.js';
import { hashMatches, parseReceiptLine } from './parse-receipt-line.js';

/** One line as audit sees it: not JSON, not a receipt, or a receipt with its own problem if any. */
export type CheckedLine =
  | { kind: 'not-json' }
  | { kind: 'not-receipt'; reason: string }
  | { kind: 'receipt'; receipt: Receipt; problem?: 'hash' | 'canonical' };

/** `,"hash":"<64 hex>"}`: how every line we write ends. */
const HASH_SUFFIX_LENGTH = 75;

const sha256Hex: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Parses one line, checks the receipt schema, that the line is byte for byte the canonical form
 * of its receipt (sorted keys, no whitespace, no duplicate keys, `hash` last) and that its hash
 * recomputes. The usual line is checked without building its canonical JSON again: the native
 * `JSON.stringify` of the parsed value must give the line back (no whitespace, no duplicate key,
 * JSON's own number and string forms) and every object's keys must already be sorted; then the
 * line minus its hash is exactly the canonical text the hash covers. A line that fails that is
 * judged the slow way, so the verdict and its reason never depend on the shortcut.
 */
export function checkReceiptLine(text: string): CheckedLine {
  const parsed = parseReceiptLine(text);
  if (parsed.kind !== 'receipt') return parsed;
  const { raw, receipt } = parsed;
  if (fastCanonical(raw, text)) {
    const body = `${text.slice(0, text.length - HASH_SUFFIX_LENGTH)}}`;
    return sha256Hex(body) === raw.hash
      ? { kind: 'receipt', receipt }
      : { kind: 'receipt', receipt, problem: 'hash' };
  }
  if (!hashMatches(raw)) return { kind: 'receipt', receipt, problem: 'hash' };
  const { hash, ...body } = raw;
  if (text !== `${canonicalJson(body).slice(0, -1)},"hash":${JSON.stringify(hash)}}`) {
    return { kind: 'receipt', receipt, problem: 'canonical' };
  }
  return { kind: 'receipt', receipt };
}

function fastCanonical(raw: Record<string, unknown>, text: string): boolean {
  if (typeof raw.hash !== 'string' || raw.hash.length !== 64) return false;
  const keys = Object.keys(raw);
  if (keys.length < 2 || keys[keys.length - 1] !== 'hash') return false;
  for (let index = 1; index < keys.length - 1; index += 1) {
    if ((keys[index - 1] as string) >= (keys[index] as string)) return false;
  }
  for (let index = 0; index < keys.length - 1; index += 1)
    if (!sortedDeep(raw[keys[index] as string])) return false;
  return JSON.stringify(raw) === text;
}

function sortedDeep(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!sortedDeep(item)) return false;
    return true;
  }
  const record = value as Record<string, unknown>;
  let previous: string | undefined;
  for (const key of Object.keys(record)) {
    if (previous !== undefined && previous >= key) return false;
    previous = key;
    if (!sortedDeep(record[key])) return false;
  }
  return true;
}
