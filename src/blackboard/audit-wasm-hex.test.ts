import { describe, expect, it } from 'vitest';
import { createWasmLineScanner, type WasmLineScanner } from './audit-wasm-scan.js';
import { scanReceiptLine } from './scan-receipt-line.js';
import { freshScanned, lineOf, receiptBase, withByte } from './test-receipt-lines.js';

describe('the WebAssembly hex check', () => {
  it('takes as hex exactly the bytes the JS scanner takes, every byte value at every lane of a 16-byte block (sha256 of a ref, prev_hash, trace_id)', () => {
    // prev_hash not the last vouched line's hash: read as hex (a fresh scanner has vouched for none).
    const line = Buffer.from(
      lineOf({ ...receiptBase(1), prev_hash: 'e'.repeat(64), trace_id: 'c'.repeat(32) }),
    );
    const fields = ['"sha256":"', '"prev_hash":"', '"trace_id":"'].map(
      (key) => line.indexOf(key) + key.length,
    );
    let vouched = 0;
    for (const [field, length] of [
      [fields[0] as number, 64],
      [fields[1] as number, 64],
      [fields[2] as number, 32],
    ] as const) {
      // Every lane of the first 16-byte block, into the second, and the last bytes.
      const places = [
        ...Array.from({ length: 20 }, (_, place) => place),
        length - 4,
        length - 3,
        length - 2,
        length - 1,
      ];
      for (const place of places) {
        for (let byte = 0; byte < 256; byte += 1) {
          const edited = withByte(line, field + place, byte);
          const fresh = createWasmLineScanner() as WasmLineScanner;
          fresh.load(edited);
          const fast = freshScanned();
          const proven = fresh.scan(edited, 0, edited.length - 1, fast);
          const js = freshScanned();
          const hex = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66);
          expect(proven).toBe(hex);
          if (proven) {
            expect(scanReceiptLine(edited, 0, edited.length - 1, js)).toBe(true);
            expect(fast).toEqual(js);
            vouched += 1;
          }
        }
      }
    }
    expect(vouched).toBe(3 * 24 * 16);
  });
});
