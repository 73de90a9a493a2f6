import type { StepId } from './step-id.js';

/** What kind of work a journaled step was. */
export type StepKind = 'phase' | 'model-call' | 'verify' | 'event' | 'digest';

/** One completed step, as the journal keeps it. */
export interface StepRecord {
  /** `formatStepId(step)`. */
  id: string;
  step: StepId;
  kind: StepKind;
  /**
   * A fingerprint of the step's input (a model call's request key). A resumed step whose input
   * differs (the workspace changed) is not answered from the journal: it runs again.
   */
  inputKey?: string | undefined;
  /** The step's result, JSON data. */
  value: unknown;
  /** UTC ISO time the step completed. */
  recordedAt: string;
}

/** Where a mission stands, as its journal says. */
export type JournalStatus = 'running' | 'stopped' | 'finished';

/** The journal's header: what a resume needs before it can re-run the mission code. */
export interface JournalMeta {
  format: 'swarmlord.journal/v1';
  missionId: string;
  /** `running` while a process works on it (or after a crash), `stopped` after a partial digest, `finished` after a full one. */
  status: JournalStatus;
  /** 1 for the first run, +1 per resume. */
  run: number;
  /** The frozen mission intent the run executes (a resume re-runs exactly this). */
  intent: unknown;
  /** sha256 of every scanned workspace file (workspace-relative path → hex), from the first run. */
  workspace: Record<string, string>;
  /** Set once a digest has been written: its verdict, partial flag and paths. */
  outcome?: { verdict: string; partial: boolean; markdownPath: string; jsonPath: string } | undefined;
  updatedAt: string;
}

/**
 * The one durable-step port (decision 0015). Every phase, model call (with the tool calls made in
 * it), Verify round, re-run plan and digest of a mission is a step with a deterministic id; its
 * result is recorded before the next step starts. A resume runs the mission code again and every
 * step the journal answers is not run again. Implementations: the embedded file journal under the
 * working directory (`createFileJournal`), the in-memory one for tests (`createMemoryJournal`); a
 * DBOS/PostgreSQL runtime implements the same port.
 */
export interface DurableJournal {
  /** Where it keeps its records (a directory, a database), for messages. */
  readonly location: string;
  readMeta(): Promise<JournalMeta | undefined>;
  /** Replaces the header; durable when it resolves. */
  writeMeta(meta: JournalMeta): Promise<void>;
  /** The completed step with this id, if any. */
  get(step: StepId): Promise<StepRecord | undefined>;
  /** Records a completed step; durable (fsynced, committed) when it resolves. Recording an id again replaces it. */
  put(record: Omit<StepRecord, 'id' | 'recordedAt'>): Promise<StepRecord>;
  /** Every completed step, in id order. */
  steps(): Promise<StepRecord[]>;
  /** Forgets every step and the header: a fresh run of the mission starts here. */
  reset(): Promise<void>;
}
