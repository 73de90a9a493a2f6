/**
 * A byte-level check that some JSON text is already in canonical form (`canonical-json.ts`:
 * keys sorted by UTF-16 code units, no whitespace, strings and numbers as `JSON.stringify` writes
 * them), without building a string or an object. It answers "certainly canonical" or "not
 * proven": a caller that gets -1 judges the text the slow way (`JSON.parse` + `canonicalJson`),
 * so a doubtful case costs time, never a wrong verdict.
 *
 * The bytes must be valid UTF-8 (the caller checks whole chunks with `isUtf8`): then they decode
 * to exactly the text `JSON.stringify` would write, and no lone surrogate hides among them.
 */

/** Deeper than this is "not proven": `JSON.parse` of a very deep line can overflow the stack. */
const MAX_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** In a string: 0 plain ASCII, 1 `"`, 2 `\`, 3 a control byte (never raw in JSON), 4 a UTF-8 byte. */
const STRING_BYTE = new Uint8Array(256);
for (let byte = 0; byte < 0x20; byte += 1) STRING_BYTE[byte] = 3;
STRING_BYTE[QUOTE] = 1;
STRING_BYTE[BACKSLASH] = 2;
for (let byte = 0x80; byte < 0x100; byte += 1) STRING_BYTE[byte] = 4;

/** Bytes a JSON number can hold: digits, `-`, `+`, `.`, `e`, `E`. */
const NUMBER_BYTE = new Uint8Array(256);
for (const char of '0123456789-+.eE') NUMBER_BYTE[char.charCodeAt(0)] = 1;

/** `\b \t \n \f \r`: written short by `JSON.stringify`, never as `\u00XX`. */
const SHORT_ESCAPED = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d]);
/** The bytes after `\` that `JSON.stringify` writes (not `\/`). */
const SHORT_ESCAPES = new Set([QUOTE, BACKSLASH, 0x62, 0x66, 0x6e, 0x72, 0x74]);

/** Set by `scanString`: the string it just read was ASCII without escapes. */
let plain = true;

/** True when the last string `scanString` accepted was ASCII without escapes (its bytes are its code units). */
export function lastStringWasPlain(): boolean {
  return plain;
}

/**
 * End (exclusive) of the canonical JSON string whose opening quote is at `at`, or -1. Reading
 * stops at the first byte that cannot be in a canonical string (the line's newline is one).
 */
export function scanString(bytes: Uint8Array, at: number): number {
  let index = at + 1;
  plain = true;
  for (;;) {
    const kind = STRING_BYTE[bytes[index] as number];
    if (kind === 0) {
      index += 1;
    } else if (kind === 1) {
      return index + 1;
    } else if (kind === 4) {
      plain = false;
      index += 1;
    } else if (kind === 2) {
      plain = false;
      index = scanEscape(bytes, index);
      if (index < 0) return -1;
    } else {
      return -1;
    }
  }
}

/** After the escape at `at` (its backslash), or -1 when `JSON.stringify` would not have written it. */
function scanEscape(bytes: Uint8Array, at: number): number {
  const next = bytes[at + 1] as number;
  if (SHORT_ESCAPES.has(next)) return at + 2;
  if (next !== 0x75) return -1;
  const unit = hex4(bytes, at + 2);
  if (unit < 0) return -1;
  // Below 0x20 without a short form, or a lone surrogate: the only `\u` escapes JSON.stringify writes.
  if (unit < 0x20) return SHORT_ESCAPED.has(unit) ? -1 : at + 6;
  if (unit >= 0xdc00 && unit <= 0xdfff) return at + 6;
  if (unit >= 0xd800 && unit <= 0xdbff) {
    // A high surrogate followed by an escaped low one is a pair: written as the character itself.
    if (bytes[at + 6] === BACKSLASH && bytes[at + 7] === 0x75) {
      const low = hex4(bytes, at + 8);
      if (low >= 0xdc00 && low <= 0xdfff) return -1;
    }
    return at + 6;
  }
  return -1;
}

/** The value of four lowercase hex digits at `at`, or -1 (`JSON.stringify` writes lowercase). */
function hex4(bytes: Uint8Array, at: number): number {
  let value = 0;
  for (let index = at; index < at + 4; index += 1) {
    const byte = bytes[index] as number;
    const digit =
      byte >= 0x30 && byte <= 0x39 ? byte - 0x30 : byte >= 0x61 && byte <= 0x66 ? byte - 0x57 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/**
 * End of the canonical number at `at`, or -1. Short integers are checked on the bytes; anything
 * else must read back unchanged through `String(Number(text))`, which is `JSON.stringify`'s form.
 */
export function scanNumber(bytes: Uint8Array, at: number): number {
  let index = at;
  while (NUMBER_BYTE[bytes[index] as number] === 1) index += 1;
  const first = bytes[at] as number;
  const digitsFrom = first === 0x2d ? at + 1 : at;
  let simple = index - digitsFrom <= 15 && index > digitsFrom;
  for (let digit = digitsFrom; simple && digit < index; digit += 1) {
    const byte = bytes[digit] as number;
    if (byte < 0x30 || byte > 0x39) simple = false;
  }
  if (simple) {
    // No leading zero, and no `-0` (JSON.stringify(-0) is "0").
    if (bytes[digitsFrom] === 0x30 && (index - digitsFrom > 1 || digitsFrom > at)) return -1;
    return index;
  }
  if (index === at) return -1;
  const text = String.fromCharCode(...bytes.subarray(at, index));
  const value = Number(text);
  return Number.isFinite(value) && String(value) === text ? index : -1;
}

/** End of the canonical JSON value at `at`, or -1. */
export function scanValue(bytes: Uint8Array, at: number, depth = 0): number {
  const byte = bytes[at] as number;
  if (byte === QUOTE) return scanString(bytes, at);
  if (byte === OPEN_BRACE) return scanObject(bytes, at, depth + 1);
  if (byte === OPEN_BRACKET) return scanArray(bytes, at, depth + 1);
  if (byte === 0x74) return literal(bytes, at, TRUE);
  if (byte === 0x66) return literal(bytes, at, FALSE);
  if (byte === 0x6e) return literal(bytes, at, NULL);
  if (byte === 0x2d || (byte >= 0x30 && byte <= 0x39)) return scanNumber(bytes, at);
  return -1;
}

const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

function literal(bytes: Uint8Array, at: number, word: readonly number[]): number {
  for (let index = 0; index < word.length; index += 1) if (bytes[at + index] !== word[index]) return -1;
  return at + word.length;
}

function scanArray(bytes: Uint8Array, at: number, depth: number): number {
  if (depth > MAX_DEPTH) return -1;
  let index = at + 1;
  if (bytes[index] === CLOSE_BRACKET) return index + 1;
  for (;;) {
    index = scanValue(bytes, index, depth);
    if (index < 0) return -1;
    const byte = bytes[index];
    if (byte === CLOSE_BRACKET) return index + 1;
    if (byte !== COMMA) return -1;
    index += 1;
  }
}

function scanObject(bytes: Uint8Array, at: number, depth: number): number {
  if (depth > MAX_DEPTH) return -1;
  let index = at + 1;
  if (bytes[index] === CLOSE_BRACE) return index + 1;
  let previousStart = -1;
  let previousEnd = -1;
  let previousPlain = true;
  for (;;) {
    if (bytes[index] !== QUOTE) return -1;
    const keyEnd = scanString(bytes, index);
    if (keyEnd < 0) return -1;
    const keyPlain = plain;
    if (
      previousStart >= 0 &&
      !keyFollows(bytes, previousStart, previousEnd, previousPlain, index, keyEnd, keyPlain)
    ) {
      return -1;
    }
    if (bytes[keyEnd] !== COLON) return -1;
    if (
      keyEnd - index === OUTPUT_REF_KEY.length &&
      bytes[index + 1] === 0x6f &&
      isOutputRefKey(bytes, index)
    ) {
      outputRefKeySeen = true;
    }
    previousStart = index;
    previousEnd = keyEnd;
    previousPlain = keyPlain;
    index = scanValue(bytes, keyEnd + 1, depth);
    if (index < 0) return -1;
    const byte = bytes[index];
    if (byte === CLOSE_BRACE) return index + 1;
    if (byte !== COMMA) return -1;
    index += 1;
  }
}

/** `"output_ref"`, the key of a phase output reference (decision 0027), as bytes. */
const OUTPUT_REF_KEY = new TextEncoder().encode('"output_ref"');
/** Set by `scanObject` when an object it read has the key `output_ref` (spelled plainly: the only canonical spelling). */
let outputRefKeySeen = false;

function isOutputRefKey(bytes: Uint8Array, at: number): boolean {
  for (let index = 2; index < OUTPUT_REF_KEY.length; index += 1) {
    if (bytes[at + index] !== OUTPUT_REF_KEY[index]) return false;
  }
  return true;
}

/**
 * Whether an object read since the last call had the key `output_ref`, at any depth; clears it.
 * On canonical JSON that is exactly whether the bytes hold `"output_ref":` (a `"` inside a string
 * is escaped, and a string followed by `:` is a key).
 */
export function takeOutputRefKeySeen(): boolean {
  const seen = outputRefKeySeen;
  outputRefKeySeen = false;
  return seen;
}

/**
 * True when the key `[start, end)` (quotes included) sorts strictly after the previous key, by
 * UTF-16 code units as `Array.prototype.sort` orders them. Strictly: a duplicate key is refused.
 */
export function keyFollows(
  bytes: Uint8Array,
  previousStart: number,
  previousEnd: number,
  previousPlain: boolean,
  start: number,
  end: number,
  isPlain: boolean,
): boolean {
  if (previousPlain && isPlain) {
    // ASCII without escapes: byte order is code-unit order. The closing quotes are left out.
    const left = previousEnd - previousStart - 2;
    const right = end - start - 2;
    const shorter = left < right ? left : right;
    for (let index = 1; index <= shorter; index += 1) {
      const a = bytes[previousStart + index] as number;
      const b = bytes[start + index] as number;
      if (a !== b) return a < b;
    }
    return left < right;
  }
  return decodeString(bytes, previousStart, previousEnd) < decodeString(bytes, start, end);
}

const decoder = new TextDecoder();

/** The string a JSON string literal `[start, end)` (quotes included) stands for. */
export function decodeString(bytes: Uint8Array, start: number, end: number): string {
  return JSON.parse(decoder.decode(bytes.subarray(start, end))) as string;
}
