import { describe, expect, it } from 'vitest';
import type { Receipt } from '../contracts/index.js';
import { GENESIS_HASH } from '../contracts/index.js';
import { createCaseIndex } from './create-case-index.js';

function receipt(seq: number, missionId: string, summary: string, data?: unknown): Receipt {
  return {
    mission_id: missionId,
    lane_id: 'lane-1',
    phase: 'react',
    role: 'bridger',
    summary,
    evidence_refs: [],
    safety_envelope: {},
    blocked_capabilities: [],
    timestamp: '2025-10-30T10:00:00Z',
    seq,
    prev_hash: GENESIS_HASH,
    hash: GENESIS_HASH,
    ...(data === undefined ? {} : { data }),
  };
}

const receipts = [
  receipt(0, 'mi_a', 'Mapped the logging setup of the web frontend'),
  receipt(1, 'mi_b', 'Payment client retries failed charges without idempotency keys'),
  receipt(2, 'mi_b', 'Reviewed the build scripts'),
  receipt(3, 'mi_c', 'Lane findings', {
    observations: [
      { id: 'o1', text: 'The database migration tool drops columns without backup', evidence_refs: [] },
    ],
  }),
  receipt(4, 'mi_now', 'Payment retry storm investigated in the current mission'),
];

describe('createCaseIndex', () => {
  it('ranks the relevant earlier receipt first', () => {
    const index = createCaseIndex(receipts);
    expect(index.size).toBe(5);
    const [best] = index.search('why do payment charges get retried twice?', { excludeMissionId: 'mi_now' });
    expect(best).toMatchObject({ mission_id: 'mi_b', seq: 1 });
    expect(best?.score).toBeGreaterThan(0);
  });

  it('searches observation and claim text inside data', () => {
    const [best] = createCaseIndex(receipts).search('migration backup');
    expect(best).toMatchObject({ mission_id: 'mi_c', seq: 3, summary: 'Lane findings' });
  });

  it('leaves out the running mission and honours the limit', () => {
    const index = createCaseIndex(receipts);
    const all = index.search('payment retry');
    expect(all.map((found) => found.mission_id)).toContain('mi_now');
    const earlier = index.search('payment retry', { excludeMissionId: 'mi_now', limit: 1 });
    expect(earlier).toHaveLength(1);
    expect(earlier[0]?.mission_id).toBe('mi_b');
    expect(index.search('   ')).toEqual([]);
    expect(createCaseIndex([]).search('anything')).toEqual([]);
  });

  it('answers a repeated search as the first one, with hits of its own', () => {
    const index = createCaseIndex(receipts);
    const first = index.search('payment retry', { limit: 2 });
    (first[0] as { summary: string }).summary = 'changed by a caller';
    const again = index.search('payment retry', { limit: 2 });
    expect(again).toEqual(createCaseIndex(receipts).search('payment retry', { limit: 2 }));
    expect(again[0]?.summary).not.toBe('changed by a caller');
    // Another limit or excluded mission is another search.
    expect(index.search('payment retry', { limit: 2, excludeMissionId: 'mi_now' })[0]?.mission_id).toBe(
      'mi_b',
    );
    expect(index.search('payment retry', { limit: 1 })).toHaveLength(1);
  });
});
