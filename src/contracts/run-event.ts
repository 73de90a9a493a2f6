import type { EvidenceRef } from './evidence-ref.js';
import type { MissionIntent } from './mission-intent.js';
import type {
  AggregateBundle,
  PerceptionSnapshot,
  ReactReceipt,
  ReviewBundle,
  WorkPackage,
} from './phase-outputs.js';
import type { Verdict, VerifyReport } from './verify-report.js';

export const PREY_PHASES = ['perceive', 'react', 'engage', 'yield'] as const;
export type PreyPhase = (typeof PREY_PHASES)[number];

/** The OBSIDIAN role that runs each PREY phase. */
export const PHASE_ROLES: Record<PreyPhase, string> = {
  perceive: 'observer',
  react: 'bridger',
  engage: 'shaper',
  yield: 'assimilator',
};

/** What each phase outputs. */
export interface PhaseOutputs {
  perceive: PerceptionSnapshot;
  react: ReactReceipt;
  engage: WorkPackage;
  yield: ReviewBundle;
}

interface EventBase {
  mission_id: string;
  /** UTC ISO time the event happened. */
  at: string;
}

/**
 * Typed run events, noun-then-verb. The core emits them; the blackboard writer, telemetry and the
 * progress display listen. Emitting awaits every listener, so a `phase-end` has been made durable
 * by the blackboard before the lane moves on.
 */
export type RunEvent =
  | (EventBase & { type: 'mission-start'; intent: MissionIntent; lane_ids: string[] })
  | (EventBase & { type: 'lane-start'; lane_id: string; attempt: number; model: string })
  | (EventBase & { type: 'phase-start'; lane_id: string; attempt: number; phase: PreyPhase; role: string })
  | {
      [P in PreyPhase]: EventBase & {
        type: 'phase-end';
        lane_id: string;
        attempt: number;
        phase: P;
        role: string;
        summary: string;
        evidence_refs: EvidenceRef[];
        output: PhaseOutputs[P];
        duration_ms: number;
      };
    }[PreyPhase]
  | (EventBase & {
      type: 'lane-end';
      lane_id: string;
      attempt: number;
      status: 'done' | 'failed';
      error?: string;
    })
  | (EventBase & { type: 'aggregate-end'; attempt: number; bundle: AggregateBundle })
  | (EventBase & { type: 'verify-start'; attempt: number })
  | (EventBase & { type: 'verify-end'; attempt: number; report: VerifyReport })
  | (EventBase & { type: 'rerun-start'; attempt: number; lane_ids: string[]; feedback: string[] })
  | (EventBase & { type: 'digest-write'; verdict: Verdict; markdown_path: string; json_path: string })
  | (EventBase & { type: 'mission-end'; verdict: Verdict; partial: boolean })
  | (EventBase & { type: 'mission-error'; error: string });

export type RunEventType = RunEvent['type'];
export type RunEventOf<T extends RunEventType> = Extract<RunEvent, { type: T }>;

/** Something that reacts to run events. A listener that throws fails the step that emitted the event. */
export type RunEventListener = (event: RunEvent) => void | Promise<void>;
