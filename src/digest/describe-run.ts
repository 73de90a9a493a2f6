import type { RunStep } from '../contracts/digest.js';
import type { MissionIntent } from '../contracts/mission-intent.js';
import type { Verdict, VerifyReport } from '../contracts/verify-report.js';
import type { ClaimView } from './build-claim-views.js';
import { shorten } from './digest-input.js';

/** `offline, 2 lanes, 1 re-run, quorum 2 of 3`: how the run was carried out, in one line. */
export function describeOperatingMode(options: {
  offline: boolean;
  laneRuns: readonly RunStep[];
  intent: MissionIntent;
  partial: boolean;
}): string {
  const lanes = new Set(options.laneRuns.map((run) => run.lane_id)).size;
  const reruns = options.laneRuns.filter((run) => run.rerun).length;
  const { threshold, validators } = options.intent.quorum;
  const parts = [
    options.offline ? 'offline' : 'model',
    `${lanes} lane${lanes === 1 ? '' : 's'}`,
    `${reruns} re-run${reruns === 1 ? '' : 's'}`,
    `quorum ${threshold} of ${validators.length}`,
  ];
  if (options.partial) parts.push('partial');
  return parts.join(', ');
}

/** What the safety envelope allowed, from the intent and what Engage actually wrote. */
export function describeSafety(intent: MissionIntent, writes: readonly string[] = []): string {
  const scope =
    writes.length === 0
      ? 'analysis-only: no workspace writes'
      : `${writes.length} workspace write(s): ${shorten(writes.join(', '), 160)}`;
  const { placeholder_ban, revert_plan, chunk_size_max } = intent.safety;
  return [
    scope,
    `placeholder ban ${placeholder_ban ? 'on' : 'off'}`,
    `revert plan ${revert_plan ? 'on' : 'off'}`,
    `chunk size ≤ ${chunk_size_max} lines`,
  ].join('; ');
}

/**
 * What stands between the reader and acting on the digest: the orchestrator's own blockers, and on
 * FAIL the failing lanes and the final validators' error findings (unique, most specific first).
 */
export function collectBlockers(options: {
  verdict: Verdict;
  report: VerifyReport | undefined;
  views: readonly ClaimView[];
  extra: readonly string[];
}): string[] {
  const blockers = [...options.extra];
  if (options.verdict === 'FAIL') {
    const report = options.report;
    if (report === undefined) {
      blockers.push('Verify did not run: no claim has been checked');
    } else {
      if (report.failing_lanes.length > 0) {
        blockers.push(`failing lanes after ${report.attempt} attempt(s): ${report.failing_lanes.join(', ')}`);
      }
      if (!report.quorum.held) {
        blockers.push(
          `quorum not held: ${report.quorum.passed} of ${report.quorum.threshold} required passes`,
        );
      }
      const errors = report.validators.flatMap((validator) =>
        validator.findings
          .filter((finding) => finding.severity === 'error')
          .map((finding) => `${validator.validator}: ${finding.code} — ${shorten(finding.message, 140)}`),
      );
      blockers.push(...errors.slice(0, 5));
      const doubtful = options.views.filter(
        (view) => view.status === 'ungrounded' || view.status === 'unresolved',
      );
      if (doubtful.length > 0) blockers.push(`${doubtful.length} claim(s) without resolvable evidence`);
    }
  }
  return [...new Set(blockers)];
}
