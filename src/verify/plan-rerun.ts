import type { MissionIntent, VerifyReport } from '../contracts/index.js';
import { REF_PROBLEM_CODES } from './ref-resolution.js';

/** Finding codes that restate a claim's grounding problems, already in the feedback from `grounding`. */
const GROUNDING_CODES = new Set<string>([...REF_PROBLEM_CODES, 'ungrounded-claim', 'unresolved-claim']);

/** Whether to re-run, which lanes, and what to tell them. */
export interface RerunPlan {
  rerun: boolean;
  /** Sorted; empty when `rerun` is false. */
  lane_ids: string[];
  /** One line per problem, `<lane>: <what is wrong>`, fed back to the re-run lanes. */
  feedback: string[];
}

/**
 * Plans the bounded targeted re-run after a verification: only on FAIL, only when
 * `intent.verify.fail_over` is `rerun_prey_targeted`, and only while `rerunsSoFar < max_reruns`.
 * Only the failing lanes are re-run; their feedback lists their ungrounded or unresolved claims with
 * every ref problem, then the validators' findings against them (and lane-less findings of failing
 * validators, which concern every lane).
 */
export function planRerun(report: VerifyReport, intent: MissionIntent, rerunsSoFar: number): RerunPlan {
  const allowed =
    report.verdict === 'FAIL' &&
    intent.verify.fail_over === 'rerun_prey_targeted' &&
    rerunsSoFar < intent.verify.max_reruns &&
    report.failing_lanes.length > 0;
  if (!allowed) return { rerun: false, lane_ids: [], feedback: [] };
  const lanes = new Set(report.failing_lanes);
  const feedback = new Set<string>();
  const explained = new Set<string>();
  for (const entry of report.grounding) {
    if (entry.status === 'grounded' || !lanes.has(entry.lane_id)) continue;
    explained.add(`${entry.lane_id}\u0000${entry.claim_id}`);
    for (const problem of entry.problems)
      feedback.add(`${entry.lane_id}: claim ${entry.claim_id} ${entry.status}: ${problem}`);
  }
  for (const vote of report.validators) {
    for (const finding of vote.findings) {
      const concernsLane = finding.lane_id !== undefined && lanes.has(finding.lane_id);
      const concernsAll = finding.lane_id === undefined && !vote.passed && finding.severity === 'error';
      if (!concernsLane && !concernsAll) continue;
      const restated = `${finding.lane_id}\u0000${finding.claim_id}`;
      if (GROUNDING_CODES.has(finding.code) && explained.has(restated)) continue;
      const who = finding.lane_id ?? 'all lanes';
      feedback.add(`${who}: ${finding.message} [${vote.validator}/${finding.code}]`);
    }
  }
  return { rerun: true, lane_ids: [...lanes].sort(), feedback: [...feedback] };
}
