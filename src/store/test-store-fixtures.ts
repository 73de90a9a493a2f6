import type { MissionIntent, RunEvent, Verdict } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';
import { buildSysmlModel, parseSysml } from '../sysml/index.js';
import type { SysmlModel } from '../sysml/model-types.js';

/** Fixtures of the store contract suite: a model from text, intents and a mission's run events. */

export function model(text: string): SysmlModel {
  return buildSysmlModel([parseSysml(text, { file: 'model.sysml' }).document]);
}

export const at = (second: number) => new Date(Date.UTC(2026, 10, 22, 10, 0, second)).toISOString();

function intent(id: string, objective: string): MissionIntent {
  return MissionIntentSchema.parse({
    mission_id: id,
    objective,
    created_at: at(0),
    workspace: '.',
    lanes: 2,
  });
}

/** A whole mission: two lanes (one fails), one model call, one Verify round, then `mission-end` with `verdict`. */
export function missionEvents(id: string, verdict: Verdict, options: { partial?: boolean } = {}): RunEvent[] {
  const base = { mission_id: id };
  const report = {
    attempt: 1,
    verdict,
    hallucination_rate: verdict === 'PASS' ? 0.05 : 0.5,
    claims_total: 20,
    claims_grounded: verdict === 'PASS' ? 19 : 10,
    quorum: { passed: verdict === 'PASS' ? 3 : 0, threshold: 2, held: verdict === 'PASS' },
  };
  return [
    {
      ...base,
      at: at(1),
      type: 'mission-start',
      intent: intent(id, `objective of ${id}`),
      lane_ids: ['lane-1', 'lane-2'],
    },
    { ...base, at: at(2), type: 'lane-start', lane_id: 'lane-1', attempt: 1, model: 'offline' },
    { ...base, at: at(2), type: 'lane-start', lane_id: 'lane-2', attempt: 1, model: 'offline' },
    {
      ...base,
      at: at(3),
      type: 'model-call-end',
      lane_id: 'lane-1',
      attempt: 1,
      phase: 'perceive',
      role: 'observer',
      task: 'observe',
      call_index: 1,
      provider: 'fake',
      model: 'fake',
      input_tokens: 100,
      output_tokens: 40,
      cached_input_tokens: 10,
      cost_usd: 0.002,
      cache: 'off',
      duration_ms: 5,
    },
    {
      ...base,
      at: at(4),
      type: 'phase-end',
      lane_id: 'lane-1',
      attempt: 1,
      phase: 'yield',
      role: 'assimilator',
      summary: 'yield',
      evidence_refs: [],
      output: { summary: 's', claims: [], artifacts: [] },
      duration_ms: 1,
    } as unknown as RunEvent,
    { ...base, at: at(4), type: 'lane-end', lane_id: 'lane-1', attempt: 1, status: 'done' },
    {
      ...base,
      at: at(5),
      type: 'lane-end',
      lane_id: 'lane-2',
      attempt: 1,
      status: 'failed',
      error: 'model down',
    },
    { ...base, at: at(6), type: 'verify-end', attempt: 1, report } as unknown as RunEvent,
    { ...base, at: at(7), type: 'mission-end', verdict, partial: options.partial === true },
  ];
}
