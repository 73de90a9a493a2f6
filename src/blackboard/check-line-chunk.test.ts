import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../contracts/index.js';
import { canonicalJson } from './canonical-json.js';
import { checkLineChunk } from './check-line-chunk.js';
import { hashReceipt } from './hash-receipt.js';

/** `count` chained receipt lines from `seq` on, after `prev`. */
function chain(count: number, seq = 0, prev = GENESIS_HASH): { lines: string[]; last: string } {
  const lines: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const body = {
      blocked_capabilities: [],
      data: index === 1 ? { output_ref: { sha256: 'a'.repeat(64) } } : { n: index },
      evidence_refs: [],
      lane_id: 'lane-1',
      mission_id: `mi_${Math.floor((seq + index) / 2)}`,
      phase: 'react',
      prev_hash: prev,
      role: 'bridger',
      safety_envelope: {},
      seq: seq + index,
      summary: `step ${seq + index}`,
      timestamp: '2026-01-01T00:00:00Z',
    };
    prev = hashReceipt(body);
    lines.push(`${canonicalJson(body).slice(0, -1)},"hash":"${prev}"}`);
  }
  return { lines, last: prev };
}

const bytesOf = (lines: readonly string[]) => Buffer.from(lines.map((line) => `${line}\n`).join(''));

describe('checkLineChunk', () => {
  it('vouches for a chunk of chained receipts and says what the audit needs of it', () => {
    const { lines, last } = chain(5, 10, 'b'.repeat(64));
    const verdict = checkLineChunk(bytesOf(lines), 1000, new Set([12]));
    expect(verdict).toEqual({
      ok: true,
      firstSeq: 10,
      lines: 5,
      firstPrev: 'b'.repeat(64),
      lastHash: last,
      missions: ['mi_5', 'mi_6', 'mi_7'],
      anchored: [
        [
          12,
          JSON.parse(lines[2] as string).hash,
          1000 + (lines[0] as string).length + (lines[1] as string).length + 2,
        ],
      ],
      outputs: [[12, `{"output_ref":{"sha256":"${'a'.repeat(64)}"}}`]],
    });
  });

  it('leaves to the audit a chunk with a seq that does not run on, a broken link inside, a line it cannot vouch for or bytes that are not UTF-8', () => {
    const { lines } = chain(4);
    // Linked and hashed right, but seq 2 skipped: the chain holds, the numbering does not.
    const skipped = chain(2, 3, JSON.parse(lines[1] as string).hash as string).lines;
    expect(checkLineChunk(bytesOf([...lines.slice(0, 2), ...skipped]), 0, new Set())).toEqual({ ok: false });
    expect(checkLineChunk(bytesOf([lines[0] as string, lines[2] as string]), 0, new Set())).toEqual({
      ok: false,
    });
    expect(checkLineChunk(bytesOf([...lines.slice(0, 3), '{oops']), 0, new Set())).toEqual({ ok: false });
    const bad = bytesOf(lines);
    bad[bad.indexOf('step')] = 0xff;
    expect(checkLineChunk(bad, 0, new Set())).toEqual({ ok: false });
  });

  it('names the first seq it read: where the chunk sits in the file is for the audit to check', () => {
    const { lines } = chain(3, 7, 'c'.repeat(64));
    expect(checkLineChunk(bytesOf(lines), 0, new Set())).toMatchObject({ ok: true, firstSeq: 7, lines: 3 });
  });
});
