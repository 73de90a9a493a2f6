import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../contracts/index.js';
import { receiptDraftFromEvent } from './receipt-draft-from-event.js';

const base = { mission_id: 'mi_1', at: '2026-12-01T00:00:00.000Z' };

/** One event of each kind that carries an attempt, at `attempt` (undefined where it is optional). */
function eventsAt(attempt: number | undefined): RunEvent[] {
  const optional = attempt === undefined ? {} : { attempt };
  const required = attempt ?? 1;
  return [
    { ...base, type: 'lane-start', lane_id: 'lane-1', attempt: required, model: 'm' },
    { ...base, type: 'lane-end', lane_id: 'lane-1', attempt: required, status: 'failed', error: 'x' },
    {
      ...base,
      type: 'phase-end',
      lane_id: 'lane-1',
      attempt: required,
      phase: 'react',
      role: 'bridger',
      summary: 's',
      evidence_refs: [],
      output: {
        lane_id: 'lane-1',
        cynefin_domain: 'clear',
        rationale: 'r',
        plan: [],
        similar_cases: [],
        tool_selections: [],
      },
      duration_ms: 1,
    },
    {
      ...base,
      type: 'model-call-end',
      lane_id: 'lane-1',
      ...optional,
      role: 'observer',
      task: 'observe',
      call_index: 2,
      provider: 'fake',
      model: 'm',
      input_tokens: 3,
      output_tokens: 4,
      cached_input_tokens: 0,
      cache: 'off',
      duration_ms: 5,
    },
    {
      ...base,
      type: 'safety-refusal',
      lane_id: 'lane-1',
      ...optional,
      phase: 'engage',
      role: 'shaper',
      target: 'x',
      capability: 'network',
      reason: 'r',
    },
    {
      ...base,
      type: 'aggregate-end',
      attempt: required,
      bundle: { bundles: [], claims: [], duplicates_merged: 0 },
    },
  ] as RunEvent[];
}

describe('receiptDraftFromEvent', () => {
  it('records the attempt, and flags attempts after the first as re-runs', () => {
    for (const [attempt, expected] of [
      [1, { attempt: 1 }],
      [2, { attempt: 2, regen_flag: true }],
      [3, { attempt: 3, regen_flag: true }],
    ] as const) {
      for (const event of eventsAt(attempt)) {
        const draft = receiptDraftFromEvent(event);
        expect(draft, event.type).toMatchObject(expected);
        if (attempt === 1) expect(draft, event.type).not.toHaveProperty('regen_flag');
      }
    }
    // An optional attempt left out is left out of the receipt too.
    for (const type of ['model-call-end', 'safety-refusal']) {
      const event = eventsAt(undefined).find((candidate) => candidate.type === type) as RunEvent;
      const draft = receiptDraftFromEvent(event);
      expect(draft).not.toHaveProperty('attempt');
      expect(draft).not.toHaveProperty('regen_flag');
    }
  });

  it("keeps a model call's own fields as its data, not the type, mission or time every receipt has", () => {
    const event = eventsAt(2).find((candidate) => candidate.type === 'model-call-end') as RunEvent;
    const draft = receiptDraftFromEvent(event);
    expect(draft?.data).toEqual({
      lane_id: 'lane-1',
      attempt: 2,
      role: 'observer',
      task: 'observe',
      call_index: 2,
      provider: 'fake',
      model: 'm',
      input_tokens: 3,
      output_tokens: 4,
      cached_input_tokens: 0,
      cache: 'off',
      duration_ms: 5,
    });
    expect(Object.keys(draft?.data as object)).not.toContain('type');
    expect(draft).toMatchObject({
      lane_id: 'lane-1',
      phase: 'model_call',
      role: 'observer',
      timestamp: base.at,
    });
  });

  it('writes nothing for the starts its end always follows, nor for a lane done', () => {
    expect(receiptDraftFromEvent({ ...base, type: 'verify-start', attempt: 1 })).toBeUndefined();
    expect(
      receiptDraftFromEvent({ ...base, type: 'lane-end', lane_id: 'l', attempt: 1, status: 'done' }),
    ).toBeUndefined();
  });
});
