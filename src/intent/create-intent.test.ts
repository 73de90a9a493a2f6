import { describe, expect, it } from 'vitest';
import { createIntent, createMissionId } from './create-intent.js';
import { IntentError } from './intent-error.js';

const now = new Date('2026-11-22T10:11:12.345Z');

describe('createIntent', () => {
  it('builds a complete intent with defaults and a dated random id', () => {
    const intent = createIntent({ objective: 'Map the risks', now });
    expect(intent.mission_id).toMatch(/^mi_2026-11-22_[0-9a-f]{6}$/);
    expect(intent.created_at).toBe('2026-11-22T10:11:12Z');
    expect(intent.lanes).toBe(2);
    expect(intent.workspace).toBe('.');
    expect(intent.quorum.validators).toEqual(['immunizer', 'disruptor', 'verifier_aux']);
    expect(createIntent({ objective: 'again', now }).mission_id).not.toBe(intent.mission_id);
  });

  it('takes lanes, workspace, clarifications, a fixed id and other fields', () => {
    const intent = createIntent({
      objective: 'Review auth',
      missionId: 'mi_fixed',
      workspace: 'service',
      lanes: [{ id: 'sec', persona: 'security' }, { model: 'openai:gpt-4o-mini' }],
      clarifications: [{ pass: 1, question: 'Scope?', answer: 'auth module' }],
      overrides: { quorum: { threshold: 3 } },
      now,
    });
    expect(intent.mission_id).toBe('mi_fixed');
    expect(intent.lanes).toEqual([{ id: 'sec', persona: 'security' }, { model: 'openai:gpt-4o-mini' }]);
    expect(intent.clarifications).toHaveLength(1);
    expect(intent.quorum.threshold).toBe(3);
  });

  it('throws INTENT_INVALID with a readable message for bad options', () => {
    expect(() => createIntent({ objective: '   ', now })).toThrow(IntentError);
    expect(() => createIntent({ objective: 'x', lanes: 0, now })).toThrow('lanes');
  });

  it('makes ids from the UTC date', () => {
    expect(createMissionId(new Date('2026-01-02T23:59:59-05:00'))).toMatch(/^mi_2026-01-03_[0-9a-f]{6}$/);
  });
});
