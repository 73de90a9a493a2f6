import type { DigestNote } from '../contracts/digest.js';
import type { VerifyReport } from '../contracts/verify-report.js';
import type { ClaimView } from './build-claim-views.js';
import type { ConfidenceFactors } from './compute-confidence.js';
import { formatRate, shorten } from './digest-input.js';
import { verificationNotes } from './verification-notes.js';

const MAX_FINDINGS = 8;

function claimNote(view: ClaimView): DigestNote {
  const problems = view.problems.length > 0 ? ` Problems: ${view.problems.join('; ')}.` : '';
  return {
    text: `[${view.status}] ${view.claim.text} (claim ${view.claim.id}; lanes: ${view.lanes.join(', ')}).${problems}`,
    evidence_refs: view.evidenceRefs,
  };
}

function attemptNote(report: VerifyReport): DigestNote {
  const failing =
    report.failing_lanes.length > 0 ? `; failing lanes: ${report.failing_lanes.join(', ')}` : '';
  return {
    text:
      `Verify #${report.attempt}: ${report.verdict} — ${report.claims_grounded} of ${report.claims_total} claims ` +
      `grounded, hallucination rate ${formatRate(report.hallucination_rate)}, quorum ${report.quorum.passed} ` +
      `of ${report.validators.length} (threshold ${report.quorum.threshold}, ${report.quorum.held ? 'held' : 'not held'})` +
      `${failing}.`,
    evidence_refs: [],
  };
}

function validatorNotes(report: VerifyReport): DigestNote[] {
  return report.validators.map((validator) => {
    const errors = validator.findings.filter((finding) => finding.severity === 'error').length;
    const warnings = validator.findings.length - errors;
    const shown = validator.findings
      .slice(0, MAX_FINDINGS)
      .map((finding) => `${finding.code}${finding.claim_id === undefined ? '' : ` on ${finding.claim_id}`}`);
    const list = shown.length > 0 ? ` Findings: ${shown.join(', ')}.` : '';
    return {
      text:
        `Validator ${validator.validator} (final attempt): ${validator.passed ? 'passed' : 'failed'} — ` +
        `${shorten(validator.summary, 200)} (${errors} error(s), ${warnings} warning(s)).${list}`,
      evidence_refs: [],
    };
  });
}

/**
 * One note per final claim carrying its evidence refs and grounding status (the audit trail of the
 * BLUF), then the verdict of every Verify attempt, the final validators' findings, and how the
 * confidence was computed so the number can be checked.
 */
export function buildDigestNotes(
  views: readonly ClaimView[],
  reports: readonly VerifyReport[],
  factors: ConfidenceFactors,
  confidence: number,
): DigestNote[] {
  const notes = views.map(claimNote);
  notes.push(...reports.map(attemptNote));
  const last = reports.at(-1);
  if (last !== undefined) notes.push(...validatorNotes(last));
  if (last !== undefined) notes.push(...verificationNotes(last));
  notes.push({
    text:
      `Confidence ${confidence.toFixed(2)} = min(verdict cap, 0.5 × grounded ${factors.grounded.toFixed(2)} + ` +
      `0.2 × quorum ${factors.quorum.toFixed(2)} + 0.15 × independent agreement ${factors.agreement.toFixed(2)} + ` +
      `0.15 × judged ${factors.judged.toFixed(2)}).`,
    evidence_refs: [],
  });
  return notes;
}
