import { isAbsolute, relative } from 'node:path';
import type { Receipt, Verdict, VerifyReport } from '../contracts/index.js';
import type { LaneAttemptRecord, MissionDetails } from './mission-records.js';
import { endedMissionStatus } from './mission-status.js';

/**
 * What the indexer reads of a receipt. Blackboard receipts have all of it; the live listener knows
 * `seq` and `hash` only for the orchestrator's `mission_start` / `mission_end` (see `createStoreListener`).
 */
export type IndexableReceipt = Pick<Receipt, 'mission_id' | 'lane_id' | 'phase' | 'timestamp' | 'data'> & {
  attempt?: number | undefined;
  seq?: number | undefined;
  hash?: string | undefined;
};

/** Receipts after which the store must be written (usage from model calls rides along with the next one). */
const PERSISTED_PHASES = new Set([
  'mission_start',
  'lane_start',
  'yield',
  'lane_end',
  'verify',
  'digest',
  'mission_end',
  'mission_error',
]);

export interface MissionIndexer {
  /** Folds one receipt in; returns the mission it changed when that change must be written now. */
  apply(receipt: IndexableReceipt): MissionDetails | undefined;
  /** Every mission folded so far, in order of first appearance. */
  missions(): MissionDetails[];
}

export interface MissionIndexerOptions {
  /** Paths are stored relative to it when inside it. */
  cwd: string;
  /** The blackboard file, as stored in `missions.blackboard_path`. */
  blackboardPath: string;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function number(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function pathFrom(cwd: string, path: string): string {
  const fromCwd = relative(cwd, path);
  return fromCwd !== '' && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : path;
}

/** Where `writeIntentFile` puts a mission's intent (the UTC date of `created_at`). */
function conventionalIntentPath(missionId: string, createdAt: unknown): string | undefined {
  if (typeof createdAt !== 'string') return undefined;
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime())) return undefined;
  return `hfo_mission_intent/${date.toISOString().slice(0, 10)}/mission_intent_${missionId}.yml`;
}

/** A model call, as its receipt names it: the same id in a resume is the same call (answered by the journal). */
function callKey(receipt: IndexableReceipt, data: Record<string, unknown>): string {
  return JSON.stringify([
    receipt.lane_id,
    receipt.attempt,
    data.role,
    data.phase,
    data.task,
    data.call_index,
  ]);
}

/** Calls a mission's run has counted: those of the segments before the latest resume, and of the current one. */
interface CountedCalls {
  before: Set<string>;
  current: Set<string>;
}

/**
 * Folds blackboard receipts into mission rows. Pure: the live listener and `db rebuild` both use it,
 * so a rebuilt store holds exactly what the live one did. A second `mission_start` for an id (the
 * intent run again) starts the row over and counts the run; one marked `resume` (`mission resume`)
 * continues the run: same row, same run count, `resumes` + 1, status back to `running` until the
 * resume's final receipt, and a model call the run already counted (a resumed phase answered
 * from the journal) is not counted again.
 */
export function createMissionIndexer(options: MissionIndexerOptions): MissionIndexer {
  const missions = new Map<string, MissionDetails>();
  const lane = (details: MissionDetails, laneId: string, attempt: number, at: string): LaneAttemptRecord => {
    let found = details.laneAttempts.find((entry) => entry.laneId === laneId && entry.attempt === attempt);
    if (found === undefined) {
      found = {
        missionId: details.mission.id,
        laneId,
        attempt,
        status: 'running',
        startedAt: at,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        modelCalls: 0,
      };
      details.laneAttempts.push(found);
    }
    return found;
  };

  const calls = new Map<string, CountedCalls>();

  const resume = (details: MissionDetails): MissionDetails => {
    const { mission } = details;
    mission.status = 'running';
    mission.resumes += 1;
    delete mission.verdict;
    delete mission.error;
    delete mission.endedAt;
    delete mission.lastSeq;
    delete mission.lastHash;
    const counted = calls.get(mission.id);
    if (counted !== undefined) {
      for (const key of counted.current) counted.before.add(key);
      counted.current = new Set();
    }
    // Re-inserted last: "in order of first appearance" stays the order of the latest activity.
    missions.delete(mission.id);
    missions.set(mission.id, details);
    return details;
  };

  const start = (receipt: IndexableReceipt): MissionDetails => {
    const data = record(receipt.data);
    const intent = record(data.intent);
    const earlier = missions.get(receipt.mission_id);
    if (data.resume === true && earlier !== undefined) return resume(earlier);
    calls.set(receipt.mission_id, { before: new Set(), current: new Set() });
    const intentPath = conventionalIntentPath(receipt.mission_id, intent.created_at);
    const details: MissionDetails = {
      mission: {
        id: receipt.mission_id,
        objective: typeof intent.objective === 'string' ? intent.objective : '',
        status: 'running',
        inputTokens: 0,
        outputTokens: 0,
        cachedInputTokens: 0,
        modelCalls: 0,
        costUsd: 0,
        startedAt: receipt.timestamp,
        ...(intentPath === undefined ? {} : { intentPath }),
        runs: (earlier?.mission.runs ?? 0) + 1,
        // A resume whose run started before the blackboard in view: the resume is all there is of it.
        resumes: data.resume === true ? 1 : 0,
        blackboardPath: options.blackboardPath,
        ...(receipt.seq === undefined ? {} : { firstSeq: receipt.seq }),
      },
      laneAttempts: [],
      verifyRounds: [],
    };
    missions.delete(receipt.mission_id);
    missions.set(receipt.mission_id, details);
    return details;
  };

  const apply = (receipt: IndexableReceipt): MissionDetails | undefined => {
    if (receipt.phase === 'mission_start') return start(receipt);
    const details = missions.get(receipt.mission_id);
    // Receipts of a mission whose start is not in view (a blackboard cut short) are not indexed.
    if (details === undefined) return undefined;
    const { mission } = details;
    const data = record(receipt.data);
    const attempt = receipt.attempt ?? 1;
    switch (receipt.phase) {
      case 'lane_start': {
        const entry = lane(details, receipt.lane_id, attempt, receipt.timestamp);
        // A lane a resume runs again is running again.
        entry.status = 'running';
        delete entry.endedAt;
        delete entry.error;
        if (typeof data.model === 'string') entry.model = data.model;
        break;
      }
      case 'yield': {
        const entry = lane(details, receipt.lane_id, attempt, receipt.timestamp);
        entry.status = 'done';
        entry.endedAt = receipt.timestamp;
        break;
      }
      case 'lane_end': {
        const entry = lane(details, receipt.lane_id, attempt, receipt.timestamp);
        entry.status = 'failed';
        entry.endedAt = receipt.timestamp;
        if (typeof data.error === 'string') entry.error = data.error;
        break;
      }
      case 'model_call': {
        const counted = calls.get(mission.id);
        const key = callKey(receipt, data);
        if (counted?.before.has(key) === true) return undefined;
        if (typeof data.error !== 'string') counted?.current.add(key);
        mission.inputTokens += number(data.input_tokens);
        mission.outputTokens += number(data.output_tokens);
        mission.cachedInputTokens += number(data.cached_input_tokens);
        mission.costUsd += number(data.cost_usd);
        mission.modelCalls += 1;
        if (receipt.attempt !== undefined) {
          const entry = details.laneAttempts.find(
            (candidate) => candidate.laneId === receipt.lane_id && candidate.attempt === receipt.attempt,
          );
          if (entry !== undefined) {
            entry.inputTokens += number(data.input_tokens);
            entry.outputTokens += number(data.output_tokens);
            entry.costUsd += number(data.cost_usd);
            entry.modelCalls += 1;
          }
        }
        return undefined;
      }
      case 'verify': {
        const report = data as Partial<VerifyReport>;
        const round = {
          missionId: mission.id,
          attempt: receipt.attempt ?? number(report.attempt),
          verdict: (report.verdict ?? 'FAIL') as Verdict,
          hallucinationRate: number(report.hallucination_rate),
          claimsTotal: number(report.claims_total),
          claimsGrounded: number(report.claims_grounded),
          quorumPassed: number(report.quorum?.passed),
          quorumThreshold: number(report.quorum?.threshold),
          quorumHeld: report.quorum?.held === true,
          endedAt: receipt.timestamp,
        };
        details.verifyRounds = [
          ...details.verifyRounds.filter((entry) => entry.attempt !== round.attempt),
          round,
        ];
        mission.hallucinationRate = round.hallucinationRate;
        break;
      }
      case 'digest':
        if (typeof data.markdown_path === 'string')
          mission.digestPath = pathFrom(options.cwd, data.markdown_path);
        if (typeof data.json_path === 'string')
          mission.digestJsonPath = pathFrom(options.cwd, data.json_path);
        break;
      case 'mission_end':
      case 'mission_error': {
        const failed = receipt.phase === 'mission_error';
        mission.status = endedMissionStatus({
          phase: receipt.phase,
          verdict: data.verdict,
          partial: data.partial,
        });
        if (!failed && typeof data.verdict === 'string') mission.verdict = data.verdict as Verdict;
        if (failed && typeof data.error === 'string') mission.error = data.error;
        mission.endedAt = receipt.timestamp;
        if (receipt.seq !== undefined) mission.lastSeq = receipt.seq;
        if (receipt.hash !== undefined) mission.lastHash = receipt.hash;
        break;
      }
      default:
        return undefined;
    }
    return PERSISTED_PHASES.has(receipt.phase) ? details : undefined;
  };

  return { apply, missions: () => [...missions.values()] };
}
