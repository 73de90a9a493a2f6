import { describe, expect, it } from 'vitest';
import { HASH_KEY_WORDS } from './audit-wasm-module.js';
import { createWasmLineScanner, type WasmLineScanner } from './audit-wasm-scan.js';
import { scanReceiptLine } from './scan-receipt-line.js';
import { freshScanned, lineOf, receiptBase, rehash, withByte } from './test-receipt-lines.js';

/** The WebAssembly verdict on `line` from a fresh scanner, held to the JS scanner's when it vouches. */
function provenAsJs(line: Buffer): boolean {
  const fresh = createWasmLineScanner() as WasmLineScanner;
  fresh.load(line);
  const fast = freshScanned();
  const proven = fresh.scan(line, 0, line.length - 1, fast);
  if (proven) {
    const js = freshScanned();
    expect(scanReceiptLine(line, 0, line.length - 1, js)).toBe(true);
    expect(fast).toEqual(js);
  }
  return proven;
}

/** Every control byte, the quote and the backslash, and plain bytes at both ends of the range. */
const BYTES = [...Array.from({ length: 0x21 }, (_, byte) => byte), 0x21, 0x22, 0x41, 0x5c, 0x5d, 0x7e, 0x7f];

describe('the WebAssembly string check, 16 bytes at a time', () => {
  it('finds the first byte that is not plain at every place of a 16-byte block, every control byte and the bytes around them, the closing quote at every lane', () => {
    let vouched = 0;
    // Summaries of 1 to 40 bytes: the closing quote falls on every lane of the first blocks.
    for (let length = 1; length <= 40; length += 1) {
      const line = Buffer.from(`${lineOf({ ...receiptBase(1), summary: 'x'.repeat(length) })}\n`);
      const start = line.indexOf('"summary":"') + '"summary":"'.length;
      expect(provenAsJs(line)).toBe(true);
      for (let place = 0; place < length; place += 1) {
        for (const byte of BYTES) {
          const proven = provenAsJs(withByte(line, start + place, byte));
          // A plain byte (0x20–0x7f but `"` and `\`) is proven; a raw control byte never is; a
          // quote or a backslash changes the JSON (the JS scanner decides, held above).
          if (byte >= 0x20 && byte !== 0x22 && byte !== 0x5c) expect(proven).toBe(true);
          if (byte < 0x20) expect(proven).toBe(false);
          if (proven) vouched += 1;
        }
      }
    }
    expect(vouched).toBeGreaterThanOrEqual(820 * 6);
  });

  it('reads UTF-8 (bytes ≥ 0x80) and short escapes at every lane as the JS scanner does', () => {
    for (let place = 0; place < 34; place += 1) {
      for (const inserted of ['é', '€', '😀', '\\n', '\\"', '\\\\', '\\u0041', '\\/']) {
        const summary = `${'y'.repeat(place)}${JSON.parse(`"${inserted}"`)}${'z'.repeat(20)}`;
        // The escape as written here (the writer writes `A` for `\u0041` and `/` for `\/`), re-hashed.
        const edited = lineOf({ ...receiptBase(1), summary }).replace(
          JSON.stringify(summary),
          `"${'y'.repeat(place)}${inserted}${'z'.repeat(20)}"`,
        );
        const proven = provenAsJs(Buffer.from(`${rehash(edited)}\n`));
        // What JSON.stringify writes is proven; `\u` and `\/` are left to the JS scanner.
        expect(proven).toBe(!inserted.startsWith('\\u') && inserted !== '\\/');
      }
    }
  });

  it('orders keys 16 bytes at a time: a difference at every place, a key that starts the other one, a duplicate', () => {
    /** The line whose payload is written as `payload` (re-hashed), for a scanner that has vouched for none. */
    const withPayload = (payload: string) => {
      const line = lineOf({ ...receiptBase(1), data: { p: 1 } }).replace(
        '"data":{"p":1}',
        `"data":${payload}`,
      );
      return Buffer.from(`${rehash(line)}\n`);
    };
    for (let length = 0; length <= 40; length += 1) {
      const common = 'k'.repeat(length);
      const [low, high] = [`${common}a`, `${common}b`];
      expect(provenAsJs(withPayload(`{"${low}":1,"${high}":2}`))).toBe(true);
      expect(provenAsJs(withPayload(`{"${high}":1,"${low}":2}`))).toBe(false);
      expect(provenAsJs(withPayload(`{"${low}":1,"${low}":2}`))).toBe(false);
      // The shorter key first when it is the other one's start.
      expect(provenAsJs(withPayload(`{"${common}":1,"${common}k":2}`))).toBe(true);
      expect(provenAsJs(withPayload(`{"${common}k":1,"${common}":2}`))).toBe(false);
      // Keys that differ before the end of a 16-byte block and agree after it.
      const tail = 'z'.repeat(20);
      expect(provenAsJs(withPayload(`{"${low}${tail}":1,"${high}${tail}":2}`))).toBe(true);
      expect(provenAsJs(withPayload(`{"${high}${tail}":1,"${low}${tail}":2}`))).toBe(false);
    }
  });
});

describe('the hash key as two words', () => {
  it('is `"hash":"` read as two little-endian i32', () => {
    const bytes = Buffer.from('"hash":"');
    expect([bytes.readInt32LE(0), bytes.readInt32LE(4)]).toEqual([...HASH_KEY_WORDS]);
  });
});
