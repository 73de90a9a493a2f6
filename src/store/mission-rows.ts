import type { Verdict } from '../contracts/index.js';
import type { LaneAttemptRecord, MissionRecord, VerifyRoundRecord } from './mission-records.js';
import type { StoredMissionStatus } from './mission-status.js';

/** Rows as both drivers return them: `pg` gives bigints as strings, PGlite as numbers; both give Dates. */
type Row = Record<string, unknown>;

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

function optional<K extends string, V>(
  key: K,
  value: unknown,
  convert: (value: unknown) => V,
): Partial<Record<K, V>> {
  return value === null || value === undefined ? {} : ({ [key]: convert(value) } as Record<K, V>);
}

export const MISSION_COLUMNS = [
  'id',
  'objective',
  'status',
  'verdict',
  'hallucination_rate',
  'confidence',
  'input_tokens',
  'output_tokens',
  'cached_input_tokens',
  'model_calls',
  'cost_usd',
  'started_at',
  'ended_at',
  'intent_path',
  'digest_path',
  'digest_json_path',
  'trace_id',
  'generation',
  'error',
  'runs',
  'blackboard_path',
  'first_seq',
  'last_seq',
  'last_hash',
  'resumes',
] as const;

export function missionValues(mission: MissionRecord): unknown[] {
  return [
    mission.id,
    mission.objective,
    mission.status,
    mission.verdict ?? null,
    mission.hallucinationRate ?? null,
    mission.confidence ?? null,
    mission.inputTokens,
    mission.outputTokens,
    mission.cachedInputTokens,
    mission.modelCalls,
    mission.costUsd,
    mission.startedAt,
    mission.endedAt ?? null,
    mission.intentPath ?? null,
    mission.digestPath ?? null,
    mission.digestJsonPath ?? null,
    mission.traceId ?? null,
    mission.generation ?? null,
    mission.error ?? null,
    mission.runs,
    mission.blackboardPath,
    mission.firstSeq ?? null,
    mission.lastSeq ?? null,
    mission.lastHash ?? null,
    mission.resumes,
  ];
}

export function missionFromRow(row: Row): MissionRecord {
  return {
    id: String(row.id),
    objective: String(row.objective),
    status: row.status as StoredMissionStatus,
    ...optional('verdict', row.verdict, (value) => value as Verdict),
    ...optional('hallucinationRate', row.hallucination_rate, Number),
    ...optional('confidence', row.confidence, Number),
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    cachedInputTokens: Number(row.cached_input_tokens),
    modelCalls: Number(row.model_calls),
    costUsd: Number(row.cost_usd),
    startedAt: iso(row.started_at),
    ...optional('endedAt', row.ended_at, iso),
    ...optional('intentPath', row.intent_path, String),
    ...optional('digestPath', row.digest_path, String),
    ...optional('digestJsonPath', row.digest_json_path, String),
    ...optional('traceId', row.trace_id, String),
    ...optional('generation', row.generation, Number),
    ...optional('error', row.error, String),
    runs: Number(row.runs),
    blackboardPath: String(row.blackboard_path),
    ...optional('firstSeq', row.first_seq, Number),
    ...optional('lastSeq', row.last_seq, Number),
    ...optional('lastHash', row.last_hash, String),
    resumes: Number(row.resumes ?? 0),
  };
}

export const LANE_COLUMNS = [
  'mission_id',
  'lane_id',
  'attempt',
  'model',
  'status',
  'started_at',
  'ended_at',
  'error',
  'input_tokens',
  'output_tokens',
  'cost_usd',
  'model_calls',
] as const;

export function laneValues(lane: LaneAttemptRecord): unknown[] {
  return [
    lane.missionId,
    lane.laneId,
    lane.attempt,
    lane.model ?? null,
    lane.status,
    lane.startedAt,
    lane.endedAt ?? null,
    lane.error ?? null,
    lane.inputTokens,
    lane.outputTokens,
    lane.costUsd,
    lane.modelCalls,
  ];
}

export function laneFromRow(row: Row): LaneAttemptRecord {
  return {
    missionId: String(row.mission_id),
    laneId: String(row.lane_id),
    attempt: Number(row.attempt),
    ...optional('model', row.model, String),
    status: row.status as LaneAttemptRecord['status'],
    startedAt: iso(row.started_at),
    ...optional('endedAt', row.ended_at, iso),
    ...optional('error', row.error, String),
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    costUsd: Number(row.cost_usd),
    modelCalls: Number(row.model_calls),
  };
}

export const ROUND_COLUMNS = [
  'mission_id',
  'attempt',
  'verdict',
  'hallucination_rate',
  'claims_total',
  'claims_grounded',
  'quorum_passed',
  'quorum_threshold',
  'quorum_held',
  'ended_at',
] as const;

export function roundValues(round: VerifyRoundRecord): unknown[] {
  return [
    round.missionId,
    round.attempt,
    round.verdict,
    round.hallucinationRate,
    round.claimsTotal,
    round.claimsGrounded,
    round.quorumPassed,
    round.quorumThreshold,
    round.quorumHeld,
    round.endedAt,
  ];
}

export function roundFromRow(row: Row): VerifyRoundRecord {
  return {
    missionId: String(row.mission_id),
    attempt: Number(row.attempt),
    verdict: row.verdict as Verdict,
    hallucinationRate: Number(row.hallucination_rate),
    claimsTotal: Number(row.claims_total),
    claimsGrounded: Number(row.claims_grounded),
    quorumPassed: Number(row.quorum_passed),
    quorumThreshold: Number(row.quorum_threshold),
    quorumHeld: row.quorum_held === true,
    endedAt: iso(row.ended_at),
  };
}

/** `INSERT INTO table (a, b) VALUES ($1, $2)` for `columns`. */
export function insertSql(table: string, columns: readonly string[]): string {
  const placeholders = columns.map((_, index) => `$${index + 1}`).join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders})`;
}
