/**
 * Where the audit's WebAssembly scanner (`audit-wasm-module.ts`) and its caller
 * (`audit-wasm-scan.ts`) meet: the memory layout, the result slots, the field checks.
 */

/** Memory layout: byte tables, the field names, the results of `line`, then the chunk. */
export const Layout = {
  /** Per byte inside a string: 0 plain ASCII, 1 `"`, 2 `\`, 3 a control byte, 4 a UTF-8 byte. */
  STRING_BYTE: 0,
  /** 1 for the bytes after `\` that `JSON.stringify` writes (`" \ b f n r t`). */
  SHORT_ESCAPE: 256,
  /** 1 for lowercase hex digits. */
  HEX: 512,
  /** 1 for the bytes a JSON number can hold. */
  NUMBER_BYTE: 768,
  /** The receipt's fields in name order, 32 bytes each: length, then the name. */
  FIELDS: 1024,
  /** Each field's check (`Check`), one byte each. */
  CHECKS: 1600,
  /** The file-ref keys in name order, 16 bytes each: length, then the name. */
  REF_KEYS: 1664,
  /** `output_ref`, `"file"`, `"hash":"`. */
  OUTPUT_REF: 1792,
  FILE: 1808,
  HASH_KEY: 1824,
  /** What `line` found, and what the caller tells it of the last line it vouched for (i32 each): see `Out`. */
  OUT: 2048,
  /** The last vouched line's hash, timestamp and mission id, copied here when a chunk replaces its own. */
  CARRY: 4096,
  /** What `run` found for each line it proved: `RECORD_WORDS` i32 each (see `Record`). */
  RECORDS: 8192,
  /** The chunk's first byte. */
  DATA: 16384,
} as const;

/** Slots of `Layout.OUT` (i32 index). */
export const Out = {
  prevHash: 0,
  missionStart: 1,
  missionEnd: 2,
  timestampStart: 3,
  timestampEnd: 4,
  /** The seq's value: the digits before its last nine, and its last nine. */
  seqHigh: 5,
  seqLow: 6,
  dataStart: 7,
  dataEnd: 8,
  dataNamesOutputRef: 9,
  /** 1: the timestamp, mission id or prev_hash has the bytes of the last vouched line's (see below). */
  timestampKnown: 10,
  missionKnown: 11,
  prevHashKnown: 12,
  // Set by the caller: where the last vouched line's hash, timestamp and mission id are (-1: none).
  lastHash: 16,
  lastTimestamp: 17,
  lastTimestampLength: 18,
  lastMission: 19,
  lastMissionLength: 20,
} as const;

/** i32 words of one record of `run`, and how many fit before the chunk. */
export const RECORD_WORDS = 16;
export const RECORD_CAPACITY = (Layout.DATA - Layout.RECORDS) / (RECORD_WORDS * 4);

/** A record of `run`: the `Out` slots its line left (0 to 12), then where the line is. */
export const Record = {
  /** `Out` slots 0 to 12 (what `line` found) are copied to the same words of the record. */
  OUT_WORDS: 13,
  start: 13,
  /** The line's newline. */
  end: 14,
} as const;

/** What a field's value must be (the same meaning as the JS scanner's table). */
export const Check = {
  Id: 0,
  Text: 1,
  Seq: 2,
  PrevHash: 3,
  Hash: 4,
  Evidence: 5,
  Record: 6,
  Strings: 7,
  Boolean: 8,
  Any: 9,
  Timestamp: 10,
  TraceId: 11,
  Attempt: 12,
  Unproven: 13,
} as const;

/** Required file-ref keys (kind, lines, path, sha256) as bits of their rank in `REF_KEYS`. */
export const REF_KEYS = ['commit', 'kind', 'lines', 'path', 'quote', 'sha256'] as const;
