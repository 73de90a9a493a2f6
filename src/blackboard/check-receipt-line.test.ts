import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../contracts/index.js';
import { canonicalJson } from './canonical-json.js';
import { checkReceiptLine } from './check-receipt-line.js';
import { hashReceipt } from './hash-receipt.js';

function line(body: Record<string, unknown>): string {
  return `${canonicalJson(body).slice(0, -1)},"hash":${JSON.stringify(hashReceipt(body))}}`;
}

const body = {
  blocked_capabilities: [],
  evidence_refs: [],
  lane_id: 'lane-1',
  mission_id: 'mi_a',
  phase: 'react',
  prev_hash: GENESIS_HASH,
  role: 'bridger',
  safety_envelope: {},
  seq: 0,
  summary: 'looked',
  timestamp: '2026-01-01T00:00:00Z',
};

describe('checkReceiptLine', () => {
  it('accepts a canonical line, also when the quick check cannot decide (integer-like keys)', () => {
    expect(checkReceiptLine(line(body))).toMatchObject({ kind: 'receipt' });
    expect(checkReceiptLine(line(body))).not.toHaveProperty('problem');
    // V8 lists "10" before "9" while sorted text has "10" < "9" too; "2" before "10" is not sorted text.
    const numeric = line({ ...body, data: { '2': 'b', '10': 'a', x: { b: 1, a: 2 } } });
    expect(checkReceiptLine(numeric)).not.toHaveProperty('problem');
  });

  it('names an edited line, a reordered or spaced one, and a line that is not a receipt', () => {
    const good = line(body);
    expect(checkReceiptLine(good.replace('looked', 'lookee'))).toMatchObject({ problem: 'hash' });
    const reordered = good.replace(
      '"lane_id":"lane-1","mission_id":"mi_a"',
      '"mission_id":"mi_a","lane_id":"lane-1"',
    );
    expect(checkReceiptLine(reordered)).toMatchObject({ problem: 'canonical' });
    expect(checkReceiptLine(good.replace('"seq":0', '"seq": 0'))).toMatchObject({ problem: 'canonical' });
    const duplicated = good.replace('"role":"bridger"', '"role":"x","role":"bridger"');
    expect(checkReceiptLine(duplicated)).toMatchObject({ problem: 'canonical' });
    expect(checkReceiptLine('{"a":1}')).toMatchObject({ kind: 'not-receipt' });
    expect(checkReceiptLine('{"a":')).toEqual({ kind: 'not-json' });
  });
});
