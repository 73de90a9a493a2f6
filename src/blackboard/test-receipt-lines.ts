// Test helpers shared by the byte checks' fuzz tests (scan-receipt-line, audit-wasm-scan): receipt
// lines as the writer writes them, forged edits re-hashed, and receipt bodies to fuzz.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { GENESIS_HASH } from '../contracts/index.js';
import { canonicalJson } from './canonical-json.js';
import { hashReceipt } from './hash-receipt.js';
import type { ScannedReceipt } from './scan-receipt-line.js';
import { RECEIPT_FIELDS } from './scan-receipt-line.js';

/** The line the writer writes for `body`: canonical JSON with `hash` appended last. */
export function lineOf(body: Record<string, unknown>): string {
  return `${canonicalJson(body).slice(0, -1)},"hash":${JSON.stringify(hashReceipt(body))}}`;
}

/** An edited line with its hash recomputed over the edited bytes (what a forger would do). */
export function rehash(edited: string): string {
  const body = edited.slice(0, edited.lastIndexOf(',"hash":'));
  return `${body},"hash":"${createHash('sha256').update(`${body}}`).digest('hex')}"}`;
}

/** A receipt body whose payload holds the number `n`. */
export function receiptBase(n: number) {
  return {
    blocked_capabilities: ['network'],
    data: { plan: ['look'], n, x: 'y' },
    evidence_refs: [{ kind: 'file', lines: [1, 12], path: 'src/a.ts', sha256: 'a'.repeat(64) }],
    lane_id: 'lane-1',
    mission_id: 'mi_a',
    phase: 'react',
    prev_hash: GENESIS_HASH,
    role: 'bridger',
    safety_envelope: { max: 3 },
    seq: 0,
    summary: 'looked',
    timestamp: '2026-01-01T00:00:00Z',
  };
}

/** What a byte check fills, before it ran. */
export function freshScanned(): ScannedReceipt {
  return {
    seq: -1,
    prevHash: '',
    hash: GENESIS_HASH,
    missionId: '',
    dataStart: -1,
    dataEnd: -1,
    dataNamesOutputRef: false,
  };
}

/** Receipt bodies: `base` with some fields replaced by `fieldValue`s, dropped, or added (any key, any value). */
export function receiptBodies(
  base: Record<string, unknown>,
  fieldValue: fc.Arbitrary<unknown>,
  extraKeys: number,
): fc.Arbitrary<Record<string, unknown>> {
  const anyJson = fc.jsonValue({ maxDepth: 3 });
  return fc
    .tuple(
      fc.dictionary(
        fc.constantFrom(...Object.keys(RECEIPT_FIELDS).filter((key) => key !== 'hash')),
        fieldValue,
        { maxKeys: 4 },
      ),
      fc.subarray(Object.keys(base), { maxLength: 2 }),
      fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), anyJson, { maxKeys: extraKeys }),
    )
    .map(([replaced, dropped, extra]) => {
      const result: Record<string, unknown> = { ...extra, ...base, ...replaced };
      for (const key of dropped) delete result[key];
      delete result.hash;
      return result;
    });
}

/** `line` with the byte at `at` set to `byte`, its hash recomputed over the edited bytes (a forger's edit). */
export function withByte(line: Buffer, at: number, byte: number): Buffer {
  const edited = Buffer.from(line);
  edited[at] = byte;
  const cut = edited.lastIndexOf(',"hash":');
  const body = edited.subarray(0, cut);
  const hash = createHash('sha256').update(body).update('}').digest('hex');
  return Buffer.concat([body, Buffer.from(`,"hash":"${hash}"}\n`)]);
}
