import { describe, expect, it } from 'vitest';
import type { Receipt } from '../contracts/index.js';
import { missingSteps } from './missing-steps.js';

function receipt(lane_id: string, phase: string, attempt = 1): Receipt {
  return {
    mission_id: 'mi_x',
    lane_id,
    phase,
    role: 'observer',
    summary: phase,
    evidence_refs: [],
    safety_envelope: {},
    blocked_capabilities: [],
    timestamp: '2026-12-01T10:00:00.000Z',
    attempt,
    seq: 0,
    prev_hash: '0'.repeat(64),
    hash: '1'.repeat(64),
  };
}

describe('missingSteps', () => {
  it('names, per lane, the phases of its latest attempt without a receipt', () => {
    const receipts = [
      receipt('lane-1', 'perceive'),
      receipt('lane-1', 'react'),
      receipt('lane-1', 'engage'),
      receipt('lane-1', 'yield'),
      receipt('lane-2', 'perceive'),
      // lane-1 re-run: its second attempt only perceived.
      receipt('lane-1', 'perceive', 2),
    ];
    expect(missingSteps(receipts, ['lane-1', 'lane-2', 'lane-3'])).toEqual([
      { lane_id: 'lane-1', attempt: 2, phases: ['react', 'engage', 'yield'] },
      { lane_id: 'lane-2', attempt: 1, phases: ['react', 'engage', 'yield'] },
      { lane_id: 'lane-3', attempt: 1, phases: ['perceive', 'react', 'engage', 'yield'] },
    ]);
  });

  it('gives nothing for a run whose lanes all yielded', () => {
    const receipts = ['perceive', 'react', 'engage', 'yield'].map((phase) => receipt('lane-1', phase));
    expect(missingSteps(receipts, ['lane-1'])).toEqual([]);
  });
});
