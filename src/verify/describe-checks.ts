/** What the gate checked, in the words reports and digests use. */
export const OFFLINE_CHECKS =
  'quotes and cited tokens verified; relevance and correctness not judged (no language model)';

/**
 * One sentence of what was checked: always the deterministic checks; with judges, which models
 * judged support and whether they reach the quorum (only then may a PASS read "safe to act on").
 */
export function describeChecks(options: {
  judgedBy: readonly string[];
  supportJudges: number;
  threshold: number;
}): string {
  if (options.judgedBy.length === 0) return OFFLINE_CHECKS;
  const quorum =
    options.supportJudges >= options.threshold
      ? `support judged by ${options.supportJudges} distinct model(s), at least the quorum of ${options.threshold}`
      : `support judged by ${options.supportJudges} distinct model(s), fewer than the quorum of ${options.threshold} (judges on one model are one voice)`;
  return `quotes and cited tokens verified; ${quorum} (models: ${options.judgedBy.join(', ')})`;
}

/** Whether the report allows "safe to act on": claims judged for support by at least the quorum. */
export function judgedByQuorum(report: {
  support_judges?: number | undefined;
  quorum: { threshold: number };
}): boolean {
  return (report.support_judges ?? 0) >= report.quorum.threshold;
}
