import { describe, expect, it } from 'vitest';
import type { ReceiptDraft } from '../contracts/index.js';
import { createBatchLines } from './batch-lines.js';
import { chainPrepared, prepareDraft } from './chain-receipt.js';
import { hashReceipt } from './hash-receipt.js';

const draft = (summary: string, note: string): ReceiptDraft => ({
  mission_id: 'mi_1',
  lane_id: 'lane-1',
  phase: 'react',
  role: 'bridger',
  timestamp: '2026-12-01T00:00:00.000Z',
  summary,
  data: { note },
});

/** Texts of every UTF-8 length, a lone surrogate (escaped by JSON) and a pair (kept as is). */
const DRAFTS = [
  draft('Cynefin: complex — naïve 漢字 😀 and a lone \ud800 surrogate', 'ü'.repeat(40)),
  draft('plain', ''),
  draft('漢'.repeat(30_000), '😀'.repeat(20_000)),
  draft('after the large one', 'x'),
];

/** The lines `chainPrepared` gives, one after another from `seq` 3: what a batch must hold. */
function expectedLines(drafts: readonly ReceiptDraft[], seq = 3, prevHash = 'a'.repeat(64)): Buffer {
  const lines: string[] = [];
  for (const [index, item] of drafts.entries()) {
    const { receipt, line } = chainPrepared(prepareDraft('bb.jsonl', item), seq + index, prevHash);
    lines.push(line);
    prevHash = receipt.hash;
  }
  return Buffer.from(lines.join(''), 'utf8');
}

function addAll(lines: ReturnType<typeof createBatchLines>, drafts: readonly ReceiptDraft[]) {
  let prevHash = 'a'.repeat(64);
  return drafts.map((item, index) => {
    const receipt = lines.add(prepareDraft('bb.jsonl', item), 3 + index, prevHash);
    prevHash = receipt.hash;
    return receipt;
  });
}

describe('createBatchLines', () => {
  it('holds exactly the bytes of the chained lines, multi-byte text and a buffer grown mid-batch included', () => {
    const lines = createBatchLines();
    const receipts = addAll(lines, DRAFTS);
    expect(lines.bytes().equals(expectedLines(DRAFTS))).toBe(true);
    // Each hash is the receipt's own (over the bytes written), and the chain links them.
    for (const [index, receipt] of receipts.entries()) {
      expect(receipt.hash).toBe(hashReceipt(receipt));
      expect(receipt.seq).toBe(3 + index);
      if (index > 0) expect(receipt.prev_hash).toBe(receipts[index - 1]?.hash);
    }
    const last = Buffer.from(
      chainPrepared(prepareDraft('bb.jsonl', DRAFTS[3] as ReceiptDraft), 6, 'b'.repeat(64)).line,
    );
    expect(lines.lastLineBytes).toBe(last.length);
  });

  it('starts each batch afresh in the reused buffer', () => {
    const lines = createBatchLines();
    addAll(lines, DRAFTS);
    lines.reset();
    expect(lines.bytes().length).toBe(0);
    const small = [DRAFTS[1] as ReceiptDraft, DRAFTS[0] as ReceiptDraft];
    addAll(lines, small);
    expect(lines.bytes().equals(expectedLines(small))).toBe(true);
    lines.reset();
    addAll(lines, small.slice(0, 1));
    expect(lines.bytes().equals(expectedLines(small.slice(0, 1)))).toBe(true);
  });
});
