import { formatEvidenceRef } from '../contracts/evidence-ref.js';
import type { Verdict, VerifyReport } from '../contracts/verify-report.js';
import { describeChecks, judgedByQuorum, OFFLINE_CHECKS } from '../verify/describe-checks.js';
import { type ClaimView, rankClaimViews } from './build-claim-views.js';
import { formatRate, shorten } from './digest-input.js';

/** What the BLUF is written from. */
export interface BlufFacts {
  verdict: Verdict;
  report: VerifyReport | undefined;
  views: readonly ClaimView[];
  confidence: number;
  offline: boolean;
  partial: boolean;
  blockers: readonly string[];
}

const VERDICT_MEANING: Record<Verdict, string> = {
  PASS: 'safe to act on',
  CAUTION: 'usable with care',
  FAIL: 'not safe to act on',
};

/** "Safe to act on" only when claims were judged for support by at least the quorum (DESIGN §8.4). */
function meaningOf(facts: BlufFacts): string {
  if (facts.verdict === 'PASS' && (facts.report === undefined || !judgedByQuorum(facts.report))) {
    return 'checks passed';
  }
  return VERDICT_MEANING[facts.verdict];
}

/** What the verdict rests on, in the words of the report (older reports: the deterministic checks). */
export function checkedLine(report: VerifyReport | undefined): string {
  if (report === undefined) return 'Checked: nothing (Verify did not run).';
  const checked =
    report.checked ??
    describeChecks({
      judgedBy: report.judged_by ?? [],
      supportJudges: report.support_judges ?? 0,
      threshold: report.quorum.threshold,
    });
  return `Checked: ${checked === '' ? OFFLINE_CHECKS : checked}.`;
}

function verdictLine(facts: BlufFacts): string {
  const rate = facts.report === undefined ? 'not measured' : formatRate(facts.report.hallucination_rate);
  const grounded = facts.views.filter((view) => view.status === 'grounded').length;
  const scope = facts.report === undefined ? 'verified (Verify did not run)' : 'grounded in the workspace';
  return (
    `Verdict: ${facts.verdict} (${meaningOf(facts)}) — ${grounded} of ${facts.views.length} claims ` +
    `${scope} (hallucination rate ${rate}, confidence ${facts.confidence.toFixed(2)}).`
  );
}

function findingLine(view: ClaimView): string {
  const where = view.evidenceRefs[0] === undefined ? 'no evidence' : formatEvidenceRef(view.evidenceRefs[0]);
  const lanes =
    view.independentLanes > 1
      ? `${view.independentLanes} independent lanes agree`
      : view.lanes.length > 1
        ? `${view.lanes.length} lanes, one voice`
        : view.lanes[0];
  return `Finding: “${shorten(view.claim.text, 100)}” (${lanes}; ${where}).`;
}

function nextLine(facts: BlufFacts): string {
  const partial = facts.partial ? 'Partial digest (run cut short): ' : '';
  if (facts.verdict === 'PASS') {
    return facts.report !== undefined && judgedByQuorum(facts.report)
      ? `${partial}Next: act on the findings; every claim links to its evidence in the notes.`
      : `${partial}Next: review the findings for relevance before acting; every claim links to its evidence in the notes.`;
  }
  const doubtful = facts.views.filter((view) => view.status !== 'grounded');
  const lanes = [...new Set(doubtful.flatMap((view) => view.lanes))].sort();
  if (facts.verdict === 'CAUTION') {
    const where = lanes.length > 0 ? ` from ${lanes.join(', ')}` : '';
    return `${partial}Next: check the ${doubtful.length} unverified claim(s)${where} before acting on them.`;
  }
  const blocker = facts.blockers[0] ?? 'the Verify gate failed';
  return `${partial}Next: blocked by ${shorten(blocker, 120)}; fix the blockers and re-run the failing lanes.`;
}

/**
 * Three to five decisive lines: the verdict and what it means ("safe to act on" only when claims
 * were judged for support by at least the quorum), what was checked, the offline-engine notice
 * when it applies (readers must know the claims are parsed facts and quotes, not a model's judgement),
 * the best-supported findings, and what to do next.
 */
export function buildBluf(facts: BlufFacts): string[] {
  const engine = facts.offline
    ? 'Engine: offline (no language model); claims are facts parsed from the source and quotes of it. '
    : '';
  const head = [verdictLine(facts), `${engine}${checkedLine(facts.report)}`];
  const tail = nextLine(facts);
  const room = Math.min(2, 5 - head.length - 1);
  const ranked = rankClaimViews(facts.views).filter((view) => view.status === 'grounded');
  const findings = ranked.slice(0, room).map(findingLine);
  if (findings.length === 0) findings.push('Finding: no claim is grounded in the workspace yet.');
  return [...head, ...findings, tail];
}
