import * as crypto from 'node:crypto';
import { SCANNER_WASM } from './audit-wasm-bytes.js';
import { Layout, Out, REF_KEYS } from './audit-wasm-layout.js';
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
}

/** Node's own Latin-1 slice (what `toString('latin1', …)` calls), without the argument checks. */
type Latin1Buffer = Buffer & { latin1Slice(start: number, end: number): string };

const COMMA = 0x2c;
const CLOSE_BRACE = 0x7d;
const HASH_SUFFIX_LENGTH = 75;
/** Zeroed bytes after a chunk: fixed-width reads near its end stay inside the memory. */
const PAD = 256;
const PAGE = 65536;

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
  compiled ??= new api.Module(new Uint8Array(Buffer.from(built.base64, 'base64')));
  const instance = new api.Instance(compiled, {});
  const memory = instance.exports.memory as WasmMemory;
  const line = instance.exports.line as (start: number, end: number) => number;
  let bytesView = new Uint8Array(memory.buffer);
  let slots = new Int32Array(memory.buffer, Layout.OUT, 32);
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
  return {
    load(bytes) {
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
      }
      const room = Layout.DATA - Layout.CARRY - 128;
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
      const bytes = buffer as Latin1Buffer;
      if (buffer !== loaded || line(Layout.DATA + start, Layout.DATA + end) !== 1) return false;
      const base = Layout.DATA;
      const timestampAt = slots[Out.timestampStart] as number;
      const timestampEnd = slots[Out.timestampEnd] as number;
      // The bytes of the last vouched timestamp are that proven value again; else the schema's pattern
      // (plain ASCII: the scanner saw no escape, so its bytes are the string, quotes aside).
      if (
        slots[Out.timestampKnown] !== 1 &&
        !TIMESTAMP.test(bytes.latin1Slice(timestampAt - base + 1, timestampEnd - base - 1))
      ) {
        return false;
      }
      const prevAt = (slots[Out.prevHash] as number) - base;
      const prevHash = slots[Out.prevHashKnown] === 1 ? lastDigest : bytes.latin1Slice(prevAt, prevAt + 64);
      const cut = end - HASH_SUFFIX_LENGTH;
      bytes[cut] = CLOSE_BRACE;
      let digest: string;
      try {
        // A plain view (a builtin constructor): `subarray` runs Buffer's own JavaScript for each line.
        digest = crypto.hash(
          'sha256',
          new Uint8Array(bytes.buffer, bytes.byteOffset + start, cut + 1 - start),
          'hex',
        );
      } finally {
        bytes[cut] = COMMA;
      }
      // Equal to a hex digest, so the stored hash is also the 64 lowercase hex the schema asks for.
      if (bytes.latin1Slice(cut + 9, cut + 73) !== digest) return false;
      const missionAt = slots[Out.missionStart] as number;
      const missionEnd = slots[Out.missionEnd] as number;
      if (slots[Out.missionKnown] !== 1)
        lastMissionId = missionIdOf(bytes, missionAt - base, missionEnd - base);
      const seq = (slots[Out.seqHigh] as number) * 1e9 + (slots[Out.seqLow] as number);
      // This line is now the last vouched one.
      lastDigest = digest;
      slots[Out.lastHash] = base + cut + 9;
      slots[Out.lastTimestamp] = timestampAt;
      slots[Out.lastTimestampLength] = timestampEnd - timestampAt;
      slots[Out.lastMission] = missionAt;
      slots[Out.lastMissionLength] = missionEnd - missionAt;
      const dataStart = slots[Out.dataStart] as number;
      out.missionId = lastMissionId;
      out.seq = seq;
      out.prevHash = prevHash;
      out.hash = digest;
      out.dataStart = dataStart < 0 ? -1 : dataStart - base;
      out.dataEnd = dataStart < 0 ? -1 : (slots[Out.dataEnd] as number) - base;
      out.dataNamesOutputRef = dataStart >= 0 && slots[Out.dataNamesOutputRef] === 1;
      return true;
    },
  };
}

/** The mission id the proven JSON string `[start, end)` stands for. */
function missionIdOf(bytes: Buffer, start: number, end: number): string {
  for (let index = start + 1; index < end - 1; index += 1) {
    if ((bytes[index] as number) >= 0x80 || bytes[index] === 0x5c) {
      return JSON.parse(bytes.toString('utf8', start, end)) as string;
    }
  }
  return bytes.toString('latin1', start + 1, end - 1);
}
