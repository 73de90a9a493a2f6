import type { MissionIntent, VerifyReport } from '../contracts/index.js';
import { REF_PROBLEM_CODES } from './ref-resolution.js';

/** Finding codes that restate a claim's grounding problems, already in the feedback from `grounding`. */
const GROUNDING_CODES = new Set<string>([
  ...REF_PROBLEM_CODES,
  'ungrounded-claim',
  'unresolved-claim',
  'unsupported-claim',
  'contradicted-claim',
]);

/** Where a re-run lane starts: `yield` when only its claims' texts failed (its evidence resolved). */
export type RerunPhase = 'perceive' | 'yield';

/** Whether to re-run, which lanes, and what to tell each. */
export interface RerunPlan {
  rerun: boolean;
  /** Sorted; empty when `rerun` is false. */
  lane_ids: string[];
  /** Every line of every lane, `<lane>: <what is wrong>` (kept for callers that feed all lanes alike). */
  feedback: string[];
  /** Per re-run lane: exactly its failing claims and why, then the findings against it. */
  feedback_by_lane: Record<string, string[]>;
  /** Per re-run lane: the first phase to re-run. */
  from_phase: Record<string, RerunPhase>;
  /** Lanes that failed the previous attempt too: re-run them on a narrower scope (fewer, stronger claims). */
  shrink_scope: string[];
}

const none = (): RerunPlan => ({
  rerun: false,
  lane_ids: [],
  feedback: [],
  feedback_by_lane: {},
  from_phase: {},
  shrink_scope: [],
});

/**
 * Plans the bounded targeted re-run after a verification: only on FAIL, only when
 * `intent.verify.fail_over` is `rerun_prey_targeted`, and only while `rerunsSoFar < max_reruns`.
 * Only the failing lanes are re-run, each told exactly its failing claims (with every problem) and
 * the validators' findings against it. A lane whose failing claims all cite evidence that resolved
 * (the text said what the evidence does not) re-runs from Yield only; a lane that failed the
 * previous report as well gets a narrower scope.
 */
export function planRerun(
  report: VerifyReport,
  intent: MissionIntent,
  rerunsSoFar: number,
  previous: readonly VerifyReport[] = [],
): RerunPlan {
  const allowed =
    report.verdict === 'FAIL' &&
    intent.verify.fail_over === 'rerun_prey_targeted' &&
    rerunsSoFar < intent.verify.max_reruns &&
    report.failing_lanes.length > 0;
  if (!allowed) return none();
  const lanes = [...new Set(report.failing_lanes)].sort();
  const byLane = new Map<string, Set<string>>(lanes.map((lane) => [lane, new Set<string>()]));
  const fromPhase: Record<string, RerunPhase> = Object.fromEntries(
    lanes.map((lane) => [lane, 'yield' as RerunPhase]),
  );
  const explained = new Set<string>();
  for (const entry of report.grounding) {
    const lines = byLane.get(entry.lane_id);
    if (entry.status === 'grounded' || entry.status === 'unverifiable' || lines === undefined) continue;
    explained.add(`${entry.lane_id}\u0000${entry.claim_id}`);
    for (const problem of entry.problems)
      lines.add(`${entry.lane_id}: claim ${entry.claim_id} ${entry.status}: ${problem}`);
    const refsFailed =
      entry.status !== 'unsupported' ||
      (entry.refs ?? []).some((ref) => !['VERIFIED', 'WHITESPACE_ONLY', 'RELOCATED'].includes(ref.outcome));
    if (refsFailed) fromPhase[entry.lane_id] = 'perceive';
  }
  for (const vote of report.validators) {
    for (const finding of vote.findings) {
      const concernsAll = finding.lane_id === undefined && !vote.passed && finding.severity === 'error';
      const targets =
        finding.lane_id === undefined
          ? concernsAll
            ? lanes
            : []
          : byLane.has(finding.lane_id)
            ? [finding.lane_id]
            : [];
      if (GROUNDING_CODES.has(finding.code) && explained.has(`${finding.lane_id}\u0000${finding.claim_id}`))
        continue;
      for (const lane of targets) {
        byLane
          .get(lane)
          ?.add(`${finding.lane_id ?? 'all lanes'}: ${finding.message} [${vote.validator}/${finding.code}]`);
        if (!finding.code.startsWith('judged-')) fromPhase[lane] = 'perceive';
      }
    }
  }
  const failedBefore = new Set(previous.at(-1)?.failing_lanes ?? []);
  const shrink = lanes.filter((lane) => failedBefore.has(lane));
  const feedbackByLane = Object.fromEntries(
    lanes.map((lane) => {
      const lines = [...(byLane.get(lane) ?? [])];
      if (shrink.includes(lane))
        lines.push(`${lane}: failed again: make fewer claims, each citing the lines that state it`);
      return [lane, lines];
    }),
  );
  return {
    rerun: true,
    lane_ids: lanes,
    feedback: [...new Set(Object.values(feedbackByLane).flat())],
    feedback_by_lane: feedbackByLane,
    from_phase: fromPhase,
    shrink_scope: shrink,
  };
}
