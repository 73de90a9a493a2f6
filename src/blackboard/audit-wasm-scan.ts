import { isAscii } from 'node:buffer';
import * as crypto from 'node:crypto';
import { SCANNER_WASM } from './audit-wasm-bytes.js';
import { Layout, Out, RECORD_CAPACITY, RECORD_WORDS, REF_KEYS, Record } from './audit-wasm-layout.js';
import { TIMESTAMP } from './scan-receipt-fields.js';
import type { ScannedReceipt } from './scan-receipt-line.js';
import { RECEIPT_FIELDS } from './scan-receipt-line.js';

/**
 * The audit's first byte check of a line (decision 0062): the WebAssembly scanner of
 * `audit-wasm-module.ts` (as the bytes of `audit-wasm-bytes.ts`) proves the line's shape, then the sha256, the timestamp's pattern and the
 * values the audit needs are taken here exactly as `scanReceiptLine` takes them. `scan` answers
 * true with `out` filled as `scanReceiptLine` would fill it, or false ("not proven": the caller
 * asks `scanReceiptLine`, which proves more). It never vouches for a line `scanReceiptLine`
 * refuses (`audit-wasm-scan.test.ts`).
 */
export interface WasmLineScanner {
  /** Makes `bytes` (a chunk of whole lines, valid UTF-8) the one `scan` reads lines of. */
  load(bytes: Buffer): void;
  /** The line `[start, end)` of the loaded chunk (its newline at `end`), as `scanReceiptLine`. */
  scan(bytes: Buffer, start: number, end: number, out: ScannedReceipt): boolean;
  /**
   * The shape of the loaded chunk's lines from `start` up to `last` (a line's start; every line
   * before it ends with a newline) proven by one WebAssembly call, up to the first it does not
   * prove (at most `RECORD_CAPACITY`): how many. The caller then asks `vouch` for each, in order.
   */
  run(bytes: Buffer, start: number, last: number): number;
  /**
   * The `index`-th line of the last `run` vouched for as `scan` vouches for a line (hash, timestamp,
   * values in `out`): its newline's offset; or -1 when it is not (the caller checks that line
   * otherwise, and the rest of the run is dropped: call `run` again after it).
   */
  vouch(index: number, out: ScannedReceipt): number;
  /**
   * The usual lines of the last run from `index` on (the next to vouch for), vouched for at once:
   * each recomputes its hash, has `seq` `seq` + its place, the timestamp, mission id and prev_hash
   * bytes of the line before it (so the same proven values; `prevHash` must be the digest of the
   * last vouched line, else none is), names no output in its payload and has no seq `stopSeq`.
   * Returns how many (their lines are counted by the caller as usual lines); `out.hash` is then
   * the last one's (`out` holds the last line's values, as `vouch` would have left them, but
   * `dataStart`/`dataEnd`: -1). The first line that is not usual is left to `vouch`.
   */
  vouchUsual(index: number, seq: number, stopSeq: number, prevHash: string, out: ScannedReceipt): number;
  /** The newline offset of the `index`-th line of the last run (-1 past it). */
  lineEnd(index: number): number;
}

/** Node's own Latin-1 slice (what `toString('latin1', …)` calls), without the argument checks. */
type Latin1Buffer = Buffer & { latin1Slice(start: number, end: number): string };

const COMMA = 0x2c;
const CLOSE_BRACE = 0x7d;
const HASH_SUFFIX_LENGTH = 75;
/** Zeroed bytes after a chunk: fixed-width reads near its end stay inside the memory. */
const PAD = 256;
const PAGE = 65536;
/** Word indexes of `Layout.OUT` and `Layout.RECORDS`. */
const OUT_WORD = Layout.OUT / 4;
const RECORDS_WORD = Layout.RECORDS / 4;

/** The part of the WebAssembly API used here (the build's TypeScript libraries do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array<ArrayBuffer>) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}
const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
let compiled: object | undefined;

/** The scanner's tables: byte classes, field names and checks, the words it compares. */
function fillTables(memory: Uint8Array, fields: readonly string[]): void {
  for (let byte = 0; byte < 0x20; byte += 1) memory[Layout.STRING_BYTE + byte] = 3;
  memory[Layout.STRING_BYTE + 0x22] = 1;
  memory[Layout.STRING_BYTE + 0x5c] = 2;
  for (let byte = 0x80; byte < 0x100; byte += 1) memory[Layout.STRING_BYTE + byte] = 4;
  for (const char of '"\\bfnrt') memory[Layout.SHORT_ESCAPE + char.charCodeAt(0)] = 1;
  for (const char of '0123456789abcdef') memory[Layout.HEX + char.charCodeAt(0)] = 1;
  for (const char of '0123456789-+.eE') memory[Layout.NUMBER_BYTE + char.charCodeAt(0)] = 1;
  const encoder = new TextEncoder();
  const names = (table: number, size: number, list: readonly string[]) =>
    list.forEach((name, rank) => {
      const bytes = encoder.encode(name);
      if (bytes.length >= size) throw new Error(`audit-wasm-scan: the name ${name} is too long`);
      memory[table + rank * size] = bytes.length;
      memory.set(bytes, table + rank * size + 1);
    });
  names(Layout.FIELDS, 32, fields);
  fields.forEach((name, rank) => {
    memory[Layout.CHECKS + rank] = RECEIPT_FIELDS[name as keyof typeof RECEIPT_FIELDS].check;
  });
  names(Layout.REF_KEYS, 16, REF_KEYS);
  memory.set(encoder.encode('output_ref'), Layout.OUTPUT_REF);
  memory.set(encoder.encode('"file"'), Layout.FILE);
  memory.set(encoder.encode('"hash":"'), Layout.HASH_KEY);
}

/** A scanner with its own memory (one per audit or worker); undefined where WebAssembly is not available. */
export function createWasmLineScanner(): WasmLineScanner | undefined {
  if (api === undefined) return undefined;
  if (typeof (Buffer.prototype as Partial<Latin1Buffer>).latin1Slice !== 'function') return undefined;
  const fields = Object.keys(RECEIPT_FIELDS).sort();
  let required = 0;
  fields.forEach((name, rank) => {
    if (RECEIPT_FIELDS[name as keyof typeof RECEIPT_FIELDS].required) required |= 1 << rank;
  });
  // Built for this field table, or not used (the JS scanner then checks every line).
  const built = SCANNER_WASM;
  if (
    built.fields !== fields.length ||
    built.required !== required ||
    built.missionRank !== fields.indexOf('mission_id') ||
    built.hashRank !== fields.indexOf('hash')
  ) {
    return undefined;
  }
  try {
    compiled ??= new api.Module(new Uint8Array(Buffer.from(built.base64, 'base64')));
  } catch {
    // A WebAssembly without the 128-bit SIMD the scanner uses: the JS scanner checks every line.
    return undefined;
  }
  const instance = new api.Instance(compiled, {});
  const memory = instance.exports.memory as WasmMemory;
  const line = instance.exports.line as (start: number, end: number) => number;
  let bytesView = new Uint8Array(memory.buffer);
  let slots = new Int32Array(memory.buffer, Layout.OUT, 32);
  let words = new Int32Array(memory.buffer, 0, Layout.DATA / 4);
  fillTables(bytesView, fields);
  for (const slot of [
    Out.lastHash,
    Out.lastTimestamp,
    Out.lastTimestampLength,
    Out.lastMission,
    Out.lastMissionLength,
  ]) {
    slots[slot] = -1;
  }

  /** The chunk in memory: a line of any other buffer is not proven here. */
  let loaded: Buffer | undefined;
  // Of the last line this scanner vouched for, whose bytes `Out.last…` point at.
  let lastDigest = '';
  let lastMissionId = '';
  /** The bytes the slot `at` points at, `length` of them, copied to `to` (another chunk replaces them); -1 when they do not fit. */
  const carry = (at: number, length: number, to: number, room: number): number => {
    const from = slots[at] as number;
    if (from < 0 || length < 0 || length > room) return -1;
    bytesView.copyWithin(to, from, from + length);
    return to;
  };
  const run = instance.exports.run as (start: number, last: number, capacity: number) => number;
  /** The chunk of the last `run`, how many records it wrote, the next one to vouch for. */
  let runBuffer: Latin1Buffer | undefined;
  let runCount = 0;
  let runNext = 0;
  /**
   * The `last…` slots before the run (the last vouched line), and whether the slots now name a
   * record not vouched for yet (`run` names each line it proves): then they are put back before
   * anything else reads them.
   */
  const lastSlots = new Int32Array(Out.lastMissionLength + 1 - Out.lastHash);
  let optimistic = false;
  const settle = () => {
    if (optimistic) slots.set(lastSlots, Out.lastHash);
    optimistic = false;
  };
  /**
   * The line `[start, end)` that `line` proved, its results in the words from `at` (the `Out`
   * slots, or a record of `run`): the hash, the timestamp's pattern and the values, as
   * `scanReceiptLine` takes them; true with `out` filled, and the line named as the last vouched one.
   */
  const vouchAt = (bytes: Latin1Buffer, at: number, start: number, end: number, out: ScannedReceipt) => {
    const base = Layout.DATA;
    const timestampAt = words[at + Out.timestampStart] as number;
    const timestampEnd = words[at + Out.timestampEnd] as number;
    // The bytes of the last vouched timestamp are that proven value again; else the schema's pattern
    // (plain ASCII: the scanner saw no escape, so its bytes are the string, quotes aside).
    if (
      words[at + Out.timestampKnown] !== 1 &&
      !TIMESTAMP.test(bytes.latin1Slice(timestampAt - base + 1, timestampEnd - base - 1))
    ) {
      return false;
    }
    const prevAt = (words[at + Out.prevHash] as number) - base;
    const prevHash =
      words[at + Out.prevHashKnown] === 1 ? lastDigest : bytes.latin1Slice(prevAt, prevAt + 64);
    const cut = end - HASH_SUFFIX_LENGTH;
    const digest = digestOf(bytes, start, cut);
    // Equal to a hex digest, so the stored hash is also the 64 lowercase hex the schema asks for.
    if (bytes.latin1Slice(cut + 9, cut + 73) !== digest) return false;
    const missionAt = words[at + Out.missionStart] as number;
    const missionEnd = words[at + Out.missionEnd] as number;
    if (words[at + Out.missionKnown] !== 1)
      lastMissionId = missionIdOf(bytes, missionAt - base, missionEnd - base);
    const seq = (words[at + Out.seqHigh] as number) * 1e9 + (words[at + Out.seqLow] as number);
    // This line is now the last vouched one.
    lastDigest = digest;
    slots[Out.lastHash] = base + cut + 9;
    slots[Out.lastTimestamp] = timestampAt;
    slots[Out.lastTimestampLength] = timestampEnd - timestampAt;
    slots[Out.lastMission] = missionAt;
    slots[Out.lastMissionLength] = missionEnd - missionAt;
    const dataStart = words[at + Out.dataStart] as number;
    out.missionId = lastMissionId;
    out.seq = seq;
    out.prevHash = prevHash;
    out.hash = digest;
    out.dataStart = dataStart < 0 ? -1 : dataStart - base;
    out.dataEnd = dataStart < 0 ? -1 : (words[at + Out.dataEnd] as number) - base;
    out.dataNamesOutputRef = dataStart >= 0 && words[at + Out.dataNamesOutputRef] === 1;
    return true;
  };
  return {
    load(bytes) {
      settle();
      runCount = 0;
      const needed = Layout.DATA + bytes.length + PAD;
      if (needed > memory.buffer.byteLength) {
        try {
          memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
        } catch {
          // No memory for this chunk (a huge line): its lines go to the JS scanner.
          loaded = undefined;
          return;
        }
        bytesView = new Uint8Array(memory.buffer);
        slots = new Int32Array(memory.buffer, Layout.OUT, 32);
        words = new Int32Array(memory.buffer, 0, Layout.DATA / 4);
      }
      const room = Layout.RECORDS - Layout.CARRY - 128;
      slots[Out.lastHash] = carry(Out.lastHash, 64, Layout.CARRY, 64);
      slots[Out.lastTimestamp] = carry(
        Out.lastTimestamp,
        slots[Out.lastTimestampLength] as number,
        Layout.CARRY + 64,
        64,
      );
      if (slots[Out.lastTimestamp] === -1) slots[Out.lastTimestampLength] = -1;
      slots[Out.lastMission] = carry(
        Out.lastMission,
        slots[Out.lastMissionLength] as number,
        Layout.CARRY + 128,
        room,
      );
      if (slots[Out.lastMission] === -1) slots[Out.lastMissionLength] = -1;
      bytesView.set(bytes, Layout.DATA);
      bytesView.fill(0, Layout.DATA + bytes.length, Layout.DATA + bytes.length + PAD);
      loaded = bytes;
    },
    scan(buffer, start, end, out) {
      settle();
      runCount = 0;
      if (buffer !== loaded || line(Layout.DATA + start, Layout.DATA + end) !== 1) return false;
      return vouchAt(buffer as Latin1Buffer, OUT_WORD, start, end, out);
    },
    run(buffer, start, last) {
      settle();
      runCount = 0;
      if (buffer !== loaded || start >= last) return 0;
      // The last vouched line, named again before the first record is vouched for.
      lastSlots.set(slots.subarray(Out.lastHash, Out.lastMissionLength + 1));
      runBuffer = buffer as Latin1Buffer;
      runNext = 0;
      runCount = run(Layout.DATA + start, Layout.DATA + last, RECORD_CAPACITY);
      optimistic = runCount > 0;
      return runCount;
    },
    vouch(index, out) {
      const bytes = runBuffer;
      // In order only: each record was read against the one before it.
      if (bytes === undefined || index !== runNext || index >= runCount) return -1;
      // Record 0 was read against the last vouched line; each later one against the record before
      // it, which `vouchAt` has just named as the last vouched line.
      if (index === 0) settle();
      const at = RECORDS_WORD + index * RECORD_WORDS;
      const end = (words[at + Record.end] as number) - Layout.DATA;
      if (vouchAt(bytes, at, (words[at + Record.start] as number) - Layout.DATA, end, out)) {
        runNext = index + 1;
        return end;
      }
      // Refused: the later records were read against it; the caller checks this line otherwise.
      runCount = 0;
      return -1;
    },
    vouchUsual(index, seq, stopSeq, prevHash, out) {
      const bytes = runBuffer;
      if (bytes === undefined || index !== runNext || index >= runCount || prevHash !== lastDigest) return 0;
      if (index === 0) settle();
      let next = index;
      let digest = lastDigest;
      let before = lastDigest;
      for (; next < runCount; next += 1) {
        const at = RECORDS_WORD + next * RECORD_WORDS;
        const lineSeq = seq + next - index;
        // Its timestamp, mission id and prev_hash are the bytes of the line before it (vouched),
        // its seq comes next, no anchor names it and its payload names no output.
        if (
          lineSeq === stopSeq ||
          (words[at + Out.seqHigh] as number) * 1e9 + (words[at + Out.seqLow] as number) !== lineSeq ||
          ((words[at + Out.timestampKnown] as number) &
            (words[at + Out.missionKnown] as number) &
            (words[at + Out.prevHashKnown] as number)) !==
            1 ||
          ((words[at + Out.dataStart] as number) >= 0 && words[at + Out.dataNamesOutputRef] === 1)
        ) {
          break;
        }
        const cut = (words[at + Record.end] as number) - Layout.DATA - HASH_SUFFIX_LENGTH;
        const lineDigest = digestOf(bytes, (words[at + Record.start] as number) - Layout.DATA, cut);
        // A hash that does not recompute is left to `vouch` (which refuses the line, with its reason found otherwise).
        if (bytes.latin1Slice(cut + 9, cut + 73) !== lineDigest) break;
        before = digest;
        digest = lineDigest;
      }
      if (next === index) return 0;
      // The last of them is now the last vouched line.
      const at = RECORDS_WORD + (next - 1) * RECORD_WORDS;
      const timestampAt = words[at + Out.timestampStart] as number;
      const missionAt = words[at + Out.missionStart] as number;
      lastDigest = digest;
      slots[Out.lastHash] = (words[at + Record.end] as number) - HASH_SUFFIX_LENGTH + 9;
      slots[Out.lastTimestamp] = timestampAt;
      slots[Out.lastTimestampLength] = (words[at + Out.timestampEnd] as number) - timestampAt;
      slots[Out.lastMission] = missionAt;
      slots[Out.lastMissionLength] = (words[at + Out.missionEnd] as number) - missionAt;
      runNext = next;
      out.seq = seq + next - 1 - index;
      out.prevHash = before;
      out.hash = digest;
      out.missionId = lastMissionId;
      out.dataStart = -1;
      out.dataEnd = -1;
      out.dataNamesOutputRef = false;
      return next - index;
    },
    lineEnd(index) {
      return index < runCount
        ? (words[RECORDS_WORD + index * RECORD_WORDS + Record.end] as number) - Layout.DATA
        : -1;
    },
  };
}

/**
 * The sha256 (hex) of the line's body `[start, cut]`, its `,` before `"hash"` read as `}` (what the
 * writer hashes; put back after). A function of its own: inlined into its caller, Node's `hash`
 * made that caller's optimised code take several times longer to compile (it runs unoptimised meanwhile).
 */
function digestOf(bytes: Buffer, start: number, cut: number): string {
  bytes[cut] = CLOSE_BRACE;
  try {
    // A plain view (a builtin constructor): `subarray` runs Buffer's own JavaScript for each line.
    return crypto.hash(
      'sha256',
      new Uint8Array(bytes.buffer, bytes.byteOffset + start, cut + 1 - start),
      'hex',
    );
  } finally {
    bytes[cut] = COMMA;
  }
}

/**
 * The mission id the proven JSON string `[start, end)` stands for: its bytes as Latin-1 when they
 * are ASCII without an escape, else what JSON reads. Two native scans, no byte loop here (asked once
 * per mission, a loop would only earn this function an optimising compile on a background thread).
 */
function missionIdOf(bytes: Buffer, start: number, end: number): string {
  const inner = bytes.subarray(start + 1, end - 1);
  if (!isAscii(inner) || inner.includes(0x5c))
    return JSON.parse(bytes.toString('utf8', start, end)) as string;
  return bytes.toString('latin1', start + 1, end - 1);
}
