import type { DecisionMatrix } from '../contracts/digest.js';
import { formatEvidenceRef } from '../contracts/evidence-ref.js';
import { type ClaimView, rankClaimViews } from './build-claim-views.js';
import { shorten } from './digest-input.js';

/** The matrix columns: what was found, on what evidence, how corroborated, how it checked out, what to do. */
export const DECISION_MATRIX_COLUMNS = [
  'Finding',
  'Evidence',
  'Lanes agreeing',
  'Grounding',
  'Action',
] as const;

const MAX_REFS_IN_CELL = 3;

function evidenceCell(view: ClaimView): string {
  if (view.evidenceRefs.length === 0) return 'none';
  const shown = view.evidenceRefs.slice(0, MAX_REFS_IN_CELL).map(formatEvidenceRef);
  const more = view.evidenceRefs.length - shown.length;
  return more > 0 ? `${shown.join(', ')} +${more} more` : shown.join(', ');
}

function agreementCell(view: ClaimView): string {
  const voices = view.independentLanes < view.lanes.length ? `, ${view.independentLanes} independent` : '';
  return `${view.lanes.length} (${view.lanes.join(', ')}${voices})`;
}

function groundingCell(view: ClaimView): string {
  const problem = view.problems[0];
  return problem === undefined ? view.status : `${view.status}: ${shorten(problem, 80)}`;
}

function actionCell(view: ClaimView): string {
  switch (view.status) {
    case 'grounded':
      return view.independentLanes > 1 ? 'rely on it' : 'rely on it (one voice)';
    case 'ungrounded':
      return 'discard or find evidence';
    case 'unresolved':
      return 're-check the cited evidence';
    case 'unsupported':
    case 'contradicted':
      return 'discard: the evidence does not say this';
    case 'unverifiable':
      return 'check by hand: not verifiable here';
    case 'not-verified':
      return 'verify before use';
  }
}

/**
 * One row per final claim, best-supported first, so the reader decides claim by claim what to
 * rely on; per-attempt verdicts live in the notes, since the schema has one matrix.
 */
export function buildDecisionMatrix(views: readonly ClaimView[]): DecisionMatrix {
  const rows = rankClaimViews(views).map((view) => [
    shorten(view.claim.text, 140),
    evidenceCell(view),
    agreementCell(view),
    groundingCell(view),
    actionCell(view),
  ]);
  return { columns: [...DECISION_MATRIX_COLUMNS], rows };
}
