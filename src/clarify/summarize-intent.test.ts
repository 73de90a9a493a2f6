import { describe, expect, it } from 'vitest';
import { MissionIntentSchema } from '../contracts/index.js';
import { summarizeIntent } from './summarize-intent.js';

function lanesLine(extra: Record<string, unknown>): string | undefined {
  const intent = MissionIntentSchema.parse({
    mission_id: 'mi_summary',
    created_at: '2026-11-22T00:00:00Z',
    objective: 'x',
    lanes: 6,
    ...extra,
  });
  return summarizeIntent(intent, []).find((line) => line.startsWith('Lanes ('));
}

describe('summarizeIntent', () => {
  it('shows lane_concurrency beside the lane count when it holds lanes back', () => {
    expect(lanesLine({ lane_concurrency: 2 })).toBe('Lanes (6, at most 2 at once) and their models:');
    expect(lanesLine({})).toBe('Lanes (6) and their models:');
    expect(lanesLine({ lane_concurrency: 6 })).toBe('Lanes (6) and their models:');
  });
});
