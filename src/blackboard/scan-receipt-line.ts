import * as crypto from 'node:crypto';
import {
  keyFollows,
  lastStringWasPlain,
  scanString,
  scanValue,
  takeOutputRefKeySeen,
} from './scan-canonical-json.js';
import { countValue, fileRefsEnd, isCount, isHex, TIMESTAMP } from './scan-receipt-fields.js';

/**
 * A line the fast path proved to be a canonical receipt whose hash recomputes: what audit needs of
 * it. Filled in place, line after line (no object per line); `hash` of the previous line is what
 * the next line's `prev_hash` is compared with.
 */
export interface ScannedReceipt {
  seq: number;
  /** The line's `prev_hash` (compared with `hash` as it was before the call: equal, it is hex). */
  prevHash: string;
  hash: string;
  missionId: string;
  /** Where the line's `data` value is (`dataStart` -1: no data), for checks that look inside it. */
  dataStart: number;
  dataEnd: number;
  /** True when an object in `data` has the key `output_ref` (the receipt then references a phase output). */
  dataNamesOutputRef: boolean;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
/** `,"hash":"<64 hex>"}`: how every line we write ends. */
const HASH_SUFFIX_LENGTH = 75;

/**
 * Each field of `ReceiptSchema` and how its value is proven to fit on the bytes. The table is held
 * to the schema by `scan-receipt-line.test.ts` (same keys, same required ones, each check only
 * accepting what the field's schema accepts). A key the schema does not name is stripped by it,
 * so any JSON passes there; a field whose value this path cannot prove (`chunk_id`, an unusual
 * `attempt`) sends the line to the slow path, which asks the schema.
 */
const Check = {
  Id: 0, // a non-empty string
  Text: 1,
  Seq: 2,
  PrevHash: 3,
  Hash: 4,
  Evidence: 5,
  Record: 6, // an object, any values
  Strings: 7,
  Boolean: 8,
  Any: 9,
  Timestamp: 10,
  TraceId: 11,
  Attempt: 12, // an integer ≥ 1
  Unproven: 13,
} as const;
type Check = (typeof Check)[keyof typeof Check];

export const RECEIPT_FIELDS = {
  attempt: { check: Check.Attempt, required: false },
  blocked_capabilities: { check: Check.Strings, required: false },
  chunk_id: { check: Check.Unproven, required: false },
  data: { check: Check.Any, required: false },
  evidence_refs: { check: Check.Evidence, required: false },
  hash: { check: Check.Hash, required: true },
  lane_id: { check: Check.Id, required: true },
  mission_id: { check: Check.Id, required: true },
  phase: { check: Check.Id, required: true },
  prev_hash: { check: Check.PrevHash, required: true },
  regen_flag: { check: Check.Boolean, required: false },
  role: { check: Check.Id, required: true },
  safety_envelope: { check: Check.Record, required: false },
  seq: { check: Check.Seq, required: true },
  summary: { check: Check.Text, required: true },
  timestamp: { check: Check.Timestamp, required: true },
  trace_id: { check: Check.TraceId, required: false },
} as const;

interface Field {
  name: string;
  bytes: Uint8Array;
  check: Check;
  bit: number;
  /** Position in name order: two known keys are in order when their ranks are. */
  rank: number;
}

/** The same fields by their name's first two bytes (`FIELD_LIST` index + 1; 0: none). */
const BY_FIRST_BYTES = new Uint8Array(65536);
const FIELD_LIST: Field[] = [];
let REQUIRED_BITS = 0;
Object.keys(RECEIPT_FIELDS)
  .sort()
  .forEach((name, rank) => {
    const { check, required } = RECEIPT_FIELDS[name as keyof typeof RECEIPT_FIELDS];
    const bytes = new TextEncoder().encode(name);
    const field = { name, bytes, check, bit: 1 << rank, rank };
    const pair = ((bytes[0] as number) << 8) | (bytes[1] as number);
    // Two names sharing their first two bytes would need a longer prefix here.
    if (BY_FIRST_BYTES[pair] !== 0) throw new Error(`scan-receipt-line: ${name} shares its first two bytes`);
    FIELD_LIST.push(field);
    BY_FIRST_BYTES[pair] = FIELD_LIST.length;
    if (required) REQUIRED_BITS |= 1 << rank;
  });

/** A string of the bytes `[start, end)` taken as Latin-1 (ASCII here). */
const latin1: (bytes: Buffer, start: number, end: number) => string =
  typeof (Buffer.prototype as { latin1Slice?: unknown }).latin1Slice === 'function'
    ? (bytes, start, end) =>
        (bytes as unknown as { latin1Slice(start: number, end: number): string }).latin1Slice(start, end)
    : (bytes, start, end) => bytes.toString('latin1', start, end);

/** The last timestamp proven well-formed (receipts written together share it), as bytes. */
let lastTimestamp = Buffer.alloc(0);
/** The mission id of the last vouched line (the lines of a mission follow each other), as bytes and as text. */
let lastMission = Buffer.alloc(0);
let lastMissionId = '';
const MISSION_RANK = (FIELD_LIST.find((field) => field.name === 'mission_id') as Field).rank;
const HASH_FIELD = FIELD_LIST.find((field) => field.name === 'hash') as Field;
/** `"hash":"`: how the last field of every line starts. */
const HASH_KEY = new TextEncoder().encode('"hash":"');

/** True when `bytes` hold the non-empty `expected` at `at`. */
function startsWith(bytes: Uint8Array, at: number, expected: Uint8Array): boolean {
  const length = expected.length;
  if (length === 0) return false;
  for (let index = 0; index < length; index += 1) if (bytes[at + index] !== expected[index]) return false;
  return true;
}

/**
 * The fast path of `checkReceiptLine` for the line `[start, end)` of `bytes` (valid UTF-8, its
 * newline at `end`): true, with `out` filled, when the line is certainly byte for byte the
 * canonical form of a receipt that fits the schema and whose hash recomputes; false when that is
 * not proven, and the caller must judge the line the slow way. It never changes a verdict: it
 * only skips `JSON.parse`, the schema and re-serialising for lines that need none of them.
 *
 * The hash is taken over the line's own bytes (the body is the line up to `,"hash":…` plus `}`),
 * the `,` briefly replaced by `}` in place: no copy of the line is made.
 */
export function scanReceiptLine(bytes: Buffer, start: number, end: number, out: ScannedReceipt): boolean {
  const cut = end - HASH_SUFFIX_LENGTH;
  if (bytes[start] !== OPEN_BRACE || cut <= start || bytes[cut] !== COMMA) return false;
  let seen = 0;
  let seq = -1;
  let prevHash = '';
  let missionStart = -1;
  let missionEnd = -1;
  let missionKnown = false;
  let dataStart = -1;
  let dataEnd = -1;
  let dataNamesOutputRef = false;
  let previousStart = -1;
  let previousEnd = -1;
  let previousPlain = true;
  let previousRank = -1;
  let index = start + 1;
  // The body's keys, sorted and each once; then `"hash"` at `cut + 1`.
  while (index !== cut + 1) {
    if (bytes[index] !== QUOTE) return false;
    // A known field name is matched on its bytes (`"name":`); any other key is read as a string.
    const field = knownKeyAt(bytes, index);
    let keyEnd: number;
    let keyPlain = true;
    if (field !== undefined) {
      keyEnd = index + field.bytes.length + 2;
      if (
        previousRank >= 0
          ? field.rank <= previousRank
          : previousStart >= 0 &&
            !keyFollows(bytes, previousStart, previousEnd, previousPlain, index, keyEnd, true)
      ) {
        return false;
      }
      previousRank = field.rank;
    } else {
      keyEnd = scanString(bytes, index);
      if (keyEnd < 0 || bytes[keyEnd] !== COLON) return false;
      keyPlain = lastStringWasPlain();
      if (
        previousStart >= 0 &&
        !keyFollows(bytes, previousStart, previousEnd, previousPlain, index, keyEnd, keyPlain)
      ) {
        return false;
      }
      previousRank = -1;
    }
    previousStart = index;
    previousEnd = keyEnd;
    previousPlain = keyPlain;
    const value = keyEnd + 1;
    let valueEnd: number;
    if (field === undefined) {
      valueEnd = scanValue(bytes, value);
    } else {
      seen |= field.bit;
      if (field.check === Check.PrevHash) {
        // Usually the previous line's hash (so it is hex); else it must be hex itself.
        valueEnd = bytes[value] === QUOTE && bytes[value + 65] === QUOTE ? value + 66 : -1;
        prevHash = valueEnd > 0 ? latin1(bytes, value + 1, value + 65) : '';
        if (prevHash !== out.hash && !isHex(bytes, value + 1, value + 65)) valueEnd = -1;
      } else if (field.rank === MISSION_RANK) {
        // The same bytes as the last vouched line's mission id (quotes included): that id again.
        missionStart = value;
        missionKnown = startsWith(bytes, value, lastMission);
        valueEnd = missionKnown ? value + lastMission.length : fieldEnd(field.check, bytes, value);
        missionEnd = valueEnd;
      } else {
        if (field.check === Check.Any) takeOutputRefKeySeen();
        valueEnd = fieldEnd(field.check, bytes, value);
        if (field.check === Check.Seq && valueEnd > 0) seq = countValue(bytes, value, valueEnd);
        else if (field.check === Check.Any) {
          dataStart = value;
          dataEnd = valueEnd;
          dataNamesOutputRef = takeOutputRefKeySeen();
        }
      }
    }
    if (valueEnd < 0) return false;
    if (bytes[valueEnd] !== COMMA) return false;
    index = valueEnd + 1;
  }
  // `"hash":"<64>"}` closes the line; the body holds no `hash` of its own.
  if (!startsWith(bytes, cut + 1, HASH_KEY) || (seen & HASH_FIELD.bit) !== 0) return false;
  if (bytes[end - 2] !== QUOTE || bytes[end - 1] !== CLOSE_BRACE) return false;
  seen |= HASH_FIELD.bit;
  if ((seen & REQUIRED_BITS) !== REQUIRED_BITS || prevHash === '') return false;
  bytes[cut] = CLOSE_BRACE;
  let digest: string;
  try {
    digest = crypto.hash('sha256', bytes.subarray(start, cut + 1), 'hex');
  } finally {
    bytes[cut] = COMMA;
  }
  // Equal to a hex digest, so the stored hash is also the 64 lowercase hex the schema asks for.
  if (latin1(bytes, cut + 9, cut + 73) !== digest) return false;
  if (!missionKnown) {
    // A new mission id: decoded once, and its bytes kept for the lines after it.
    lastMission = Buffer.from(bytes.subarray(missionStart, missionEnd));
    lastMissionId = missionIdAt(bytes, missionStart, missionEnd);
  }
  out.missionId = lastMissionId;
  out.seq = seq;
  out.prevHash = prevHash;
  out.hash = digest;
  out.dataStart = dataStart;
  out.dataEnd = dataEnd;
  out.dataNamesOutputRef = dataNamesOutputRef;
  return true;
}

/** End of the value at `at` when it is canonical and fits the field, else -1. */
function fieldEnd(check: Check, bytes: Buffer, at: number): number {
  const first = bytes[at];
  switch (check) {
    case Check.Id: {
      const end = first === QUOTE ? scanString(bytes, at) : -1;
      return end > at + 2 ? end : -1;
    }
    case Check.Text:
      return first === QUOTE ? scanString(bytes, at) : -1;
    case Check.Seq:
      return countEnd(bytes, at, 0);
    case Check.Attempt:
      return countEnd(bytes, at, 1);
    case Check.TraceId:
      return first === QUOTE && bytes[at + 33] === QUOTE && isHex(bytes, at + 1, at + 33) ? at + 34 : -1;
    case Check.Timestamp:
      return timestampEnd(bytes, at);
    case Check.Evidence:
      return fileRefsEnd(bytes, at);
    case Check.Record:
      return first === OPEN_BRACE ? scanValue(bytes, at) : -1;
    case Check.Strings:
      return isStrings(bytes, at);
    case Check.Boolean:
      return first === 0x74 || first === 0x66 ? scanValue(bytes, at) : -1;
    case Check.Any:
      return scanValue(bytes, at);
    default:
      return -1;
  }
}

function countEnd(bytes: Buffer, at: number, min: 0 | 1): number {
  let end = at;
  while (end - at <= 15 && (bytes[end] as number) >= 0x30 && (bytes[end] as number) <= 0x39) end += 1;
  // A digit right after 15 of them, or a `.`/`e` after the digits: not a short integer.
  const next = bytes[end];
  if (next !== COMMA && next !== CLOSE_BRACE) return -1;
  return isCount(bytes, at, end, min) ? end : -1;
}

function isStrings(bytes: Buffer, at: number): number {
  if (bytes[at] !== 0x5b) return -1;
  let index = at + 1;
  if (bytes[index] === 0x5d) return index + 1;
  for (;;) {
    if (bytes[index] !== QUOTE) return -1;
    index = scanString(bytes, index);
    if (index < 0) return -1;
    if (bytes[index] === 0x5d) return index + 1;
    if (bytes[index] !== COMMA) return -1;
    index += 1;
  }
}

function timestampEnd(bytes: Buffer, at: number): number {
  if (bytes[at] !== QUOTE) return -1;
  // The same bytes as the last proven timestamp (quotes included, no `"` inside): that value again.
  if (startsWith(bytes, at, lastTimestamp)) return at + lastTimestamp.length;
  const end = scanString(bytes, at);
  if (end < 0 || !lastStringWasPlain()) return -1;
  if (!TIMESTAMP.test(bytes.toString('latin1', at + 1, end - 1))) return -1;
  lastTimestamp = Buffer.from(bytes.subarray(at, end));
  return end;
}

/** The known field whose name is spelled at `at` as `"name":`, if any. */
function knownKeyAt(bytes: Buffer, at: number): Field | undefined {
  const slot = BY_FIRST_BYTES[((bytes[at + 1] as number) << 8) | (bytes[at + 2] as number)] as number;
  if (slot === 0) return undefined;
  const candidate = FIELD_LIST[slot - 1] as Field;
  const name = candidate.bytes;
  const close = at + 1 + name.length;
  if (bytes[close] !== QUOTE || bytes[close + 1] !== COLON) return undefined;
  // The first two bytes were matched by the table (a name holds no `"`: the close quote is the first).
  for (let index = 2; index < name.length; index += 1) {
    if (bytes[at + 1 + index] !== name[index]) return undefined;
  }
  return candidate;
}

function missionIdAt(bytes: Buffer, start: number, end: number): string {
  for (let index = start + 1; index < end - 1; index += 1) {
    if ((bytes[index] as number) >= 0x80 || bytes[index] === 0x5c) {
      return JSON.parse(bytes.toString('utf8', start, end)) as string;
    }
  }
  return bytes.toString('latin1', start + 1, end - 1);
}
