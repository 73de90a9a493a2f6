import type { MissionIntent, RunEvent, VerifyReport } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';

export const TEST_MISSION_ID = 'mi_2026-11-22_tele01';

/** An intent for telemetry tests (trace file on, in `format`). */
export function testIntent(format: 'json' | 'yaml' = 'json', emit = true): MissionIntent {
  return MissionIntentSchema.parse({
    mission_id: TEST_MISSION_ID,
    created_at: '2026-11-22T10:00:00Z',
    objective: 'Map the risks of the orders service',
    workspace: '.',
    telemetry: { emit_opentelemetry: emit, otel_format: format },
  });
}

function report(verdict: VerifyReport['verdict'], attempt: number): VerifyReport {
  const failed = verdict === 'FAIL';
  return {
    attempt,
    verdict,
    hallucination_rate: failed ? 0.5 : 0,
    claims_total: 2,
    claims_grounded: failed ? 1 : 2,
    grounding: [],
    validators: [
      {
        validator: 'immunizer',
        passed: !failed,
        findings: [],
        failing_lanes: failed ? ['lane_a'] : [],
        summary: 'checks ran',
      },
      { validator: 'disruptor', passed: true, findings: [], failing_lanes: [], summary: 'canaries caught' },
      {
        validator: 'verifier_aux',
        passed: !failed,
        findings: [],
        failing_lanes: [],
        summary: 'independent check',
      },
    ],
    quorum: { threshold: 2, passed: failed ? 1 : 3, held: !failed },
    failing_lanes: failed ? ['lane_a'] : [],
  };
}

const ref = {
  kind: 'file' as const,
  path: 'src/orders.ts',
  lines: [3, 9] as [number, number],
  sha256: 'a'.repeat(64),
};

/**
 * One mission's events, times 10:00:00.000 + n seconds: one lane (`lane_a`) with a Perceive phase
 * that makes a model call and a tool call, then React; Aggregate, Verify and the digest. `secret`
 * goes into a tool argument and a phase output, to test redaction and content capture.
 */
export function testRunEvents(
  options: {
    verdict?: VerifyReport['verdict'];
    digestJsonPath?: string;
    secret?: string;
    failLane?: boolean;
  } = {},
): RunEvent[] {
  const at = (seconds: number) => new Date(Date.UTC(2026, 10, 22, 10, 0, seconds)).toISOString();
  const mission_id = TEST_MISSION_ID;
  const verdict = options.verdict ?? 'PASS';
  const secret = options.secret ?? 'no-secret-here';
  const events: RunEvent[] = [
    { type: 'mission-start', mission_id, at: at(0), intent: testIntent(), lane_ids: ['lane_a'] },
    { type: 'lane-start', mission_id, at: at(1), lane_id: 'lane_a', attempt: 1, model: 'openai:gpt-4o' },
    {
      type: 'phase-start',
      mission_id,
      at: at(1),
      lane_id: 'lane_a',
      attempt: 1,
      phase: 'perceive',
      role: 'observer',
    },
    {
      type: 'model-call-end',
      mission_id,
      at: at(4),
      lane_id: 'lane_a',
      attempt: 1,
      role: 'observer',
      task: 'observe',
      call_index: 1,
      provider: 'openai',
      model: 'gpt-4o',
      response_model: 'gpt-4o-2024-08-06',
      response_id: 'chatcmpl-123',
      finish_reasons: ['stop'],
      input_tokens: 1200,
      output_tokens: 300,
      cached_input_tokens: 0,
      cost_usd: 0.006,
      cache: 'miss',
      duration_ms: 2000,
    },
    {
      type: 'tool-call-end',
      mission_id,
      at: at(5),
      lane_id: 'lane_a',
      attempt: 1,
      phase: 'perceive',
      role: 'observer',
      tool: 'read_lines',
      input: { path: 'src/orders.ts', token: secret },
      evidence_refs: [ref],
      summary: 'read src/orders.ts:3-9',
      duration_ms: 500,
    },
    {
      type: 'phase-end',
      mission_id,
      at: at(6),
      lane_id: 'lane_a',
      attempt: 1,
      phase: 'perceive',
      role: 'observer',
      summary: 'observed 1 fact',
      evidence_refs: [ref],
      output: { observations: [`uses key ${secret}`] },
      duration_ms: 5000,
    } as unknown as RunEvent,
    {
      type: 'phase-start',
      mission_id,
      at: at(6),
      lane_id: 'lane_a',
      attempt: 1,
      phase: 'react',
      role: 'bridger',
    },
  ];
  if (options.failLane === true) {
    events.push({
      type: 'lane-end',
      mission_id,
      at: at(7),
      lane_id: 'lane_a',
      attempt: 1,
      status: 'failed',
      error: 'model timed out',
    });
  } else {
    events.push(
      {
        type: 'phase-end',
        mission_id,
        at: at(7),
        lane_id: 'lane_a',
        attempt: 1,
        phase: 'react',
        role: 'bridger',
        summary: 'planned',
        evidence_refs: [],
        output: { cynefin_domain: 'complicated' },
        duration_ms: 1000,
      } as unknown as RunEvent,
      { type: 'lane-end', mission_id, at: at(8), lane_id: 'lane_a', attempt: 1, status: 'done' },
    );
  }
  events.push(
    {
      type: 'aggregate-end',
      mission_id,
      at: at(9),
      attempt: 1,
      bundle: { claims: [], bundles: [], duplicates_merged: 0 } as unknown as Extract<
        RunEvent,
        { type: 'aggregate-end' }
      >['bundle'],
    },
    { type: 'verify-start', mission_id, at: at(9), attempt: 1 },
    {
      type: 'model-call-end',
      mission_id,
      at: at(10),
      lane_id: 'swarmlord',
      attempt: 1,
      phase: 'verify',
      role: 'immunizer',
      task: 'judge',
      call_index: 1,
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      input_tokens: 500,
      output_tokens: 50,
      cached_input_tokens: 0,
      cache: 'off',
      duration_ms: 600,
      error: 'HTTP 529 overloaded',
    },
    { type: 'verify-end', mission_id, at: at(11), attempt: 1, report: report(verdict, 1) },
  );
  if (options.digestJsonPath !== undefined) {
    events.push({
      type: 'digest-write',
      mission_id,
      at: at(12),
      verdict,
      markdown_path: options.digestJsonPath.replace(/\.json$/, '.md'),
      json_path: options.digestJsonPath,
    });
  }
  events.push({ type: 'mission-end', mission_id, at: at(12), verdict, partial: false });
  return events;
}
