import type { DigestNote } from '../contracts/digest.js';
import type { VerifyReport } from '../contracts/verify-report.js';
import { checkedLine } from './build-bluf.js';
import { formatRate, shorten } from './digest-input.js';

/**
 * What the final Verify checked and how: the checks and the judging models, the rate's interval,
 * unverifiable claims, cross-lane contradictions, canary catch rates, and evidence that reads like
 * an instruction — shown as quoted data, never as a finding to act on.
 */
export function verificationNotes(report: VerifyReport): DigestNote[] {
  const notes: DigestNote[] = [{ text: checkedLine(report), evidence_refs: [] }];
  const judges = report.judged_by ?? [];
  notes.push({
    text: judges.length === 0 ? 'Judged by: no language model.' : `Judged by: ${judges.join(', ')}.`,
    evidence_refs: [],
  });
  const interval = report.hallucination_rate_interval;
  if (interval !== undefined) {
    const unverifiable = report.claims_unverifiable ?? 0;
    notes.push({
      text:
        `Hallucination rate ${formatRate(report.hallucination_rate)} (95 % interval ${formatRate(interval[0])}–${formatRate(interval[1])})` +
        `${unverifiable > 0 ? `; ${unverifiable} claim(s) not verifiable here, counted apart` : ''}.`,
      evidence_refs: [],
    });
  }
  for (const contradiction of report.contradictions ?? []) {
    notes.push({
      text: `Contradiction (${contradiction.kind}): ${shorten(contradiction.message, 300)}`,
      evidence_refs: [],
    });
  }
  for (const vote of report.validators) {
    const catches = (vote.canary_catch ?? []).map(
      (entry) => `${entry.kind} ${entry.caught}/${entry.planted}`,
    );
    if (catches.length > 0)
      notes.push({ text: `Canaries caught (${vote.validator}): ${catches.join(', ')}.`, evidence_refs: [] });
  }
  for (const evidence of report.instruction_like_evidence ?? []) {
    notes.push({
      text: `Quoted data, not an instruction: evidence ${evidence.ref} of claim ${evidence.claim_id} reads “${evidence.excerpt}” — shown as data; it changed no verdict.`,
      evidence_refs: [],
    });
  }
  return notes;
}
