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

  it('vouches for long runs of usual lines at once, and still names every anchor, output and mission, and refuses a break inside a run', () => {
    let prev = 'd'.repeat(64);
    const lines = Array.from({ length: 300 }, (_, index) => {
      const body = {
        data: index === 100 ? { output_ref: { sha256: 'a'.repeat(64) } } : { n: 1 },
        lane_id: 'lane-1',
        mission_id: index < 120 ? 'mi_a' : 'mi_b',
        phase: 'react',
        prev_hash: prev,
        role: 'bridger',
        seq: 40 + index,
        summary: 'step',
        timestamp: '2026-01-01T00:00:00Z',
      };
      prev = hashReceipt(body);
      return `${canonicalJson(body).slice(0, -1)},"hash":"${prev}"}`;
    });
    const offsetOf = (index: number) => lines.slice(0, index).reduce((sum, line) => sum + line.length + 1, 7);
    const hashOf = (index: number) => JSON.parse(lines[index] as string).hash as string;
    expect(checkLineChunk(bytesOf(lines), 7, new Set([90, 190, 1000]))).toEqual({
      ok: true,
      firstSeq: 40,
      lines: 300,
      firstPrev: 'd'.repeat(64),
      lastHash: prev,
      missions: ['mi_a', 'mi_b'],
      anchored: [
        [90, hashOf(50), offsetOf(50)],
        [190, hashOf(150), offsetOf(150)],
      ],
      outputs: [[141, `{"output_ref":{"sha256":"${'a'.repeat(64)}"}}`]],
    });
    // An edited hash deep inside a run of usual lines, or a line's seq skipped (re-hashed): not vouched for.
    const edited = [...lines];
    edited[170] = (edited[170] as string).replace(
      /"hash":"(.)/,
      (_, c) => `"hash":"${c === '0' ? '1' : '0'}`,
    );
    expect(checkLineChunk(bytesOf(edited), 0, new Set())).toEqual({ ok: false });
    const { hash: _, ...body } = JSON.parse(lines[200] as string);
    const skipped = { ...body, seq: body.seq + 1 };
    edited.splice(170, 1, lines[170] as string);
    edited[200] = `${canonicalJson(skipped).slice(0, -1)},"hash":"${hashReceipt(skipped)}"}`;
    expect(checkLineChunk(bytesOf(edited), 0, new Set())).toEqual({ ok: false });
  });
});
