import type {
  AggregateBundle,
  Digest,
  MissionIntent,
  ResolvedLane,
  RunEventListener,
  VerifyReport,
} from '../contracts/index.js';
import type { DurableJournal } from '../durable/index.js';
import type { EngageRuntime } from '../engage/index.js';
import type { ModelPort } from '../models/index.js';
import type { RoleInstructions } from '../roles/index.js';
import type {
  ReadOnlyTool,
  ScanOptions,
  ScanProgress,
  WorkspaceFile,
  WorkspaceIndex,
} from '../tools/index.js';
import type { Validator } from '../verify/index.js';
import type { CaseSearch } from './lane-context.js';
import type { ResumeInfo } from './mission-run-journal.js';
import type { FinishPlan } from './plan-to-finish.js';
import type { LaneExecutor } from './remote-lane.js';

export interface RunMissionOptions {
  intent: MissionIntent;
  /** Base directory for the workspace, blackboard and digest paths of the intent. */
  cwd: string;
  /**
   * The model of one role of a lane attempt (default: the offline engine everywhere). Calls are
   * metered against `intent.budget` and recorded as `model-call-end` events by the run loop.
   */
  resolveModel?: (lane: ResolvedLane, attempt: number, role: string) => ModelPort;
  /** Read-only tools the Observers' models may call (default: none). */
  tools?: readonly ReadOnlyTool[] | ((workspace: WorkspaceSnapshot) => Promise<readonly ReadOnlyTool[]>);
  /** Most model turns of Perceive's tool loop (default 8). */
  maxToolSteps?: number;
  /** Validators that also judge with a language model (validator name → model); metered like lanes. */
  judges?: Readonly<Record<string, ModelPort>>;
  listeners?: readonly RunEventListener[];
  instructions?: RoleInstructions;
  findSimilarCases?: CaseSearch;
  /** Validators named in the intent that are not built in (specialists from the SSOT). */
  validators?: readonly Validator[];
  /** Abort for an anytime digest (Ctrl-C). */
  signal?: AbortSignal;
  /** Progress of the workspace scan ("scanning N files"), e.g. for the progress display. */
  onScanProgress?: (progress: ScanProgress) => void;
  /** Limits of the workspace scan (file cap, file size, total byte budget; defaults in `scanWorkspace`). */
  scanLimits?: Pick<ScanOptions, 'maxFiles' | 'maxFileBytes' | 'maxTotalBytes'>;
  /** Folder of the workspace index cache (decision 0024); absent: the index is built every mission. */
  indexCacheDir?: string;
  now?: () => Date;
  /** The run's OpenTelemetry trace id (chosen by the caller's telemetry), recorded in the digest. */
  traceId?: string;
  /** Engage's runtime from the composition root (policy, envelope, tools); absent: Engage is analysis-only. */
  engage?: EngageRuntime | undefined;
  /**
   * Journals every phase, model call, Verify round, re-run plan and the digest as durable steps
   * (decision 0015), so a crashed or stopped mission can be resumed. Absent: nothing is journaled.
   */
  journal?: DurableJournal;
  /** Continue the journal's mission: journaled steps are restored, not run (needs `journal`). */
  resume?: boolean;
  /** Between the mission soft cap and the hard deadline that cancels calls in flight (default: a tenth of the cap, 1–60 s). */
  hardDeadlineGraceMs?: number;
  /**
   * Write the digest files (`digest.md`, `digest.json`, the review bundle) and emit `digest-write`
   * (default true). False suits a library caller that only wants the result: its paths are then ''.
   */
  writeDigestFiles?: boolean;
  /** Runs lane attempts elsewhere (the DBOS runtime's child workflows); absent: in this process. */
  laneExecutor?: LaneExecutor | undefined;
  /** Told what a resume found (journaled steps, workspace changes) before any lane runs. */
  onResume?: (info: ResumeInfo) => void;
}

export interface MissionResult {
  digest: Digest;
  /** Where the digest was written ('' with `writeDigestFiles: false`). */
  markdownPath: string;
  jsonPath: string;
  reports: VerifyReport[];
  aggregate: AggregateBundle;
  /** Set when this run was a resume. */
  resumed?: ResumeInfo;
  /** Set when the digest is partial: the lanes and phases missing and the command that finishes them. */
  unfinished?: FinishPlan;
}

/** What the tools of a mission may read: the scanned files and their index. */
export interface WorkspaceSnapshot {
  /** Absolute workspace directory. */
  workspace: string;
  files: readonly WorkspaceFile[];
  index: WorkspaceIndex;
}
