import type { Verdict } from '../contracts/index.js';
import type { StoredMissionStatus } from './mission-status.js';

/** One row of `missions`: what a mission was asked, how it ended and where its record is. */
export interface MissionRecord {
  id: string;
  objective: string;
  /**
   * `running` from `mission_start` until its final receipt: `mission_end` gives `partial` (an
   * anytime digest) or the verdict (`passed`, `caution`, `failed`), `mission_error` gives `failed`.
   * Whether a `running` mission still runs is decided when read (`deriveMissionStatus`).
   */
  status: StoredMissionStatus;
  /** The final verdict (`mission_end`); absent while running or after an error. */
  verdict?: Verdict;
  /** Of the last Verify round. */
  hallucinationRate?: number;
  /** The digest's confidence (read from `digest.json`). */
  confidence?: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  modelCalls: number;
  /** US dollars over priced calls. */
  costUsd: number;
  startedAt: string;
  endedAt?: string;
  /** The frozen intent, relative to the working directory, when it is where `writeIntentFile` puts it. */
  intentPath?: string;
  /** `digest.md`, relative to the working directory when inside it. */
  digestPath?: string;
  digestJsonPath?: string;
  /** The OpenTelemetry trace id, when the digest or receipts carry one. */
  traceId?: string;
  /** The SSOT generation the mission ran under, when known. */
  generation?: number;
  error?: string;
  /** How many times this mission id ran (re-running an intent); the row describes the latest run. */
  runs: number;
  /** How many times the latest run was resumed (`mission resume`): a resume continues the run, it is not another. */
  resumes: number;
  /** The blackboard file, relative to the working directory. */
  blackboardPath: string;
  /** `seq` of the latest run's `mission_start` receipt. */
  firstSeq?: number;
  /** `seq` and `hash` of its `mission_end` (or `mission_error`) receipt: where to audit from. */
  lastSeq?: number;
  lastHash?: string;
}

/** One attempt of one lane (attempt 2+ are targeted re-runs). */
export interface LaneAttemptRecord {
  missionId: string;
  laneId: string;
  attempt: number;
  model?: string;
  status: 'running' | 'done' | 'failed';
  startedAt: string;
  endedAt?: string;
  error?: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  modelCalls: number;
}

/** One pass of the Verify gate. */
export interface VerifyRoundRecord {
  missionId: string;
  attempt: number;
  verdict: Verdict;
  hallucinationRate: number;
  claimsTotal: number;
  claimsGrounded: number;
  quorumPassed: number;
  quorumThreshold: number;
  quorumHeld: boolean;
  endedAt: string;
}

/** A mission with its lane attempts and Verify rounds. */
export interface MissionDetails {
  mission: MissionRecord;
  laneAttempts: LaneAttemptRecord[];
  verifyRounds: VerifyRoundRecord[];
}

/** How far the store has indexed a blackboard. */
export interface BlackboardPointer {
  blackboardPath: string;
  seq: number;
  hash: string;
  updatedAt: string;
}
