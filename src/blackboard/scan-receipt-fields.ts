import { keyFollows, lastStringWasPlain, scanString, scanValue } from './scan-canonical-json.js';

/**
 * Field checks of the audit fast path (`scan-receipt-line.ts`) on the bytes of a canonical line.
 * Each returns true only for a value the receipt schema accepts; false means "not proven" and
 * the line goes to the schema.
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * `z.iso.datetime()` of zod 4 (no offset, any precision, `Z`): the schema's own pattern, copied so
 * audit need not load zod; `scan-receipt-line.test.ts` fails if the schema's pattern changes.
 */
export const TIMESTAMP =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z))$/;

/** A canonical integer of 1–15 digits (a safe integer), at least `min` (0 or 1). */
export function isCount(bytes: Uint8Array, start: number, end: number, min: 0 | 1): boolean {
  const length = end - start;
  if (length < 1 || length > 15) return false;
  for (let index = start; index < end; index += 1) {
    const byte = bytes[index] as number;
    if (byte < 0x30 || byte > 0x39) return false;
  }
  // No leading zero; "0" only when 0 is allowed.
  return bytes[start] !== 0x30 || (length === 1 && min === 0);
}

/** The value of the digits `[start, end)` (a count `isCount` accepted). */
export function countValue(bytes: Uint8Array, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index += 1) value = value * 10 + ((bytes[index] as number) - 0x30);
  return value;
}

/** 1 for the lowercase hex digits `0-9a-f`. */
const HEX = new Uint8Array(256);
for (const char of '0123456789abcdef') HEX[char.charCodeAt(0)] = 1;

/** Lowercase hex digits only. */
export function isHex(bytes: Uint8Array, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) if (HEX[bytes[index] as number] !== 1) return false;
  return true;
}

/** Bytes `[start, end)` equal `expected`. */
export function sameBytes(bytes: Uint8Array, start: number, end: number, expected: Uint8Array): boolean {
  if (end - start !== expected.length) return false;
  for (let index = 0; index < expected.length; index += 1) {
    if (bytes[start + index] !== expected[index]) return false;
  }
  return true;
}

const encode = (text: string) => new TextEncoder().encode(text);
/** The file-ref keys, sorted, and what each must hold. */
const REF_KEYS = [
  { bytes: encode('commit'), bit: 1, rank: 0 },
  { bytes: encode('kind'), bit: 2, rank: 1 },
  { bytes: encode('lines'), bit: 4, rank: 2 },
  { bytes: encode('path'), bit: 8, rank: 3 },
  { bytes: encode('quote'), bit: 16, rank: 4 },
  { bytes: encode('sha256'), bit: 32, rank: 5 },
];
/** `REF_KEYS` index + 1 by the name's first byte (0: none; the names' first bytes differ). */
const REF_KEY_BY_FIRST_BYTE = new Uint8Array(256);
REF_KEYS.forEach((key, index) => {
  const first = key.bytes[0] as number;
  if (REF_KEY_BY_FIRST_BYTE[first] !== 0)
    throw new Error('scan-receipt-fields: two ref keys share a first byte');
  REF_KEY_BY_FIRST_BYTE[first] = index + 1;
});
const REQUIRED_REF_KEYS = 2 | 4 | 8 | 32;
const FILE = encode('"file"');

/**
 * End of a canonical array of file evidence refs the schema accepts (`kind` "file", `path` a
 * non-empty string, `lines` two integers ≥ 1, `sha256` lowercase hex, `quote` and `commit`
 * strings, other keys any JSON: the schema strips them), or -1. A url or metric ref is -1: the
 * schema judges those.
 */
export function fileRefsEnd(bytes: Uint8Array, at: number): number {
  if (bytes[at] !== OPEN_BRACKET) return -1;
  let index = at + 1;
  if (bytes[index] === CLOSE_BRACKET) return index + 1;
  for (;;) {
    index = fileRefEnd(bytes, index);
    if (index < 0) return -1;
    if (bytes[index] === CLOSE_BRACKET) return index + 1;
    if (bytes[index] !== COMMA) return -1;
    index += 1;
  }
}

function fileRefEnd(bytes: Uint8Array, at: number): number {
  if (bytes[at] !== OPEN_BRACE) return -1;
  let seen = 0;
  let index = at + 1;
  let previousStart = -1;
  let previousEnd = -1;
  let previousPlain = true;
  let previousRank = -1;
  for (;;) {
    if (bytes[index] !== QUOTE) return -1;
    // A known key is matched on its bytes (`"name":`, in name order by rank); any other is read as a string.
    const key = refKeyAt(bytes, index);
    let keyEnd: number;
    let keyPlain = true;
    if (key !== undefined) {
      keyEnd = index + key.bytes.length + 2;
      if (
        previousRank >= 0
          ? key.rank <= previousRank
          : previousStart >= 0 &&
            !keyFollows(bytes, previousStart, previousEnd, previousPlain, index, keyEnd, true)
      ) {
        return -1;
      }
      previousRank = key.rank;
    } else {
      keyEnd = scanString(bytes, index);
      if (keyEnd < 0 || bytes[keyEnd] !== COLON) return -1;
      keyPlain = lastStringWasPlain();
      if (
        previousStart >= 0 &&
        !keyFollows(bytes, previousStart, previousEnd, previousPlain, index, keyEnd, keyPlain)
      ) {
        return -1;
      }
      previousRank = -1;
    }
    previousStart = index;
    previousEnd = keyEnd;
    previousPlain = keyPlain;
    const bit = key === undefined ? 0 : key.bit;
    const value = keyEnd + 1;
    const valueEnd = refValueEnd(bit, bytes, value);
    if (valueEnd < 0) return -1;
    seen |= bit;
    if (bytes[valueEnd] === CLOSE_BRACE)
      return (seen & REQUIRED_REF_KEYS) === REQUIRED_REF_KEYS ? valueEnd + 1 : -1;
    if (bytes[valueEnd] !== COMMA) return -1;
    index = valueEnd + 1;
  }
}

/** The file-ref key spelled at `at` as `"name":` (plain ASCII, no escape), if any: the first byte tells the candidate. */
function refKeyAt(bytes: Uint8Array, at: number): (typeof REF_KEYS)[number] | undefined {
  const slot = REF_KEY_BY_FIRST_BYTE[bytes[at + 1] as number] as number;
  if (slot === 0) return undefined;
  const key = REF_KEYS[slot - 1] as (typeof REF_KEYS)[number];
  const name = key.bytes;
  const close = at + 1 + name.length;
  if (bytes[close] !== QUOTE || bytes[close + 1] !== COLON) return undefined;
  // The first byte was matched by the table.
  for (let index = 1; index < name.length; index += 1) {
    if (bytes[at + 1 + index] !== name[index]) return undefined;
  }
  return key;
}

function refValueEnd(bit: number, bytes: Uint8Array, at: number): number {
  switch (bit) {
    case 1: // commit
    case 16: // quote
      return bytes[at] === QUOTE ? scanString(bytes, at) : -1;
    case 2: // kind
      return sameBytes(bytes, at, at + FILE.length, FILE) ? at + FILE.length : -1;
    case 4: // lines
      return linesEnd(bytes, at);
    case 8: {
      // path
      const end = bytes[at] === QUOTE ? scanString(bytes, at) : -1;
      return end > at + 2 ? end : -1;
    }
    case 32: // sha256
      return bytes[at] === QUOTE && bytes[at + 65] === QUOTE && isHex(bytes, at + 1, at + 65) ? at + 66 : -1;
    default:
      return scanValue(bytes, at, 2);
  }
}

/** `[start,end]`: two canonical integers ≥ 1. */
function linesEnd(bytes: Uint8Array, at: number): number {
  if (bytes[at] !== OPEN_BRACKET) return -1;
  let comma = at + 1;
  while ((bytes[comma] as number) >= 0x30 && (bytes[comma] as number) <= 0x39) comma += 1;
  if (bytes[comma] !== COMMA || !isCount(bytes, at + 1, comma, 1)) return -1;
  let close = comma + 1;
  while ((bytes[close] as number) >= 0x30 && (bytes[close] as number) <= 0x39) close += 1;
  if (bytes[close] !== CLOSE_BRACKET || !isCount(bytes, comma + 1, close, 1)) return -1;
  return close + 1;
}
