import { redactDerived } from '../blackboard/index.js';
import type { Claim, ClaimGrounding } from '../contracts/index.js';
import { formatEvidenceRef } from '../contracts/index.js';
import { checkSupport } from './check-support.js';
import { statementOf } from './inspect-claim.js';
import type { RefResolution } from './ref-resolution.js';

function refCheck(resolution: RefResolution): NonNullable<ClaimGrounding['refs']>[number] {
  return {
    ref: formatEvidenceRef(resolution.ref),
    outcome: resolution.outcome,
    ...(resolution.relocatedLines === undefined ? {} : { relocated_lines: resolution.relocatedLines }),
    ...(resolution.commit === undefined ? {} : { commit: resolution.commit }),
  };
}

function notes(resolutions: readonly RefResolution[]): string[] {
  return resolutions.flatMap((resolution) => {
    const label = formatEvidenceRef(resolution.ref);
    if (resolution.outcome === 'RELOCATED' && resolution.relocatedLines !== undefined) {
      const [start, end] = resolution.relocatedLines;
      return [`${label} RELOCATED: the cited text is now at lines ${start}-${end} (supported but stale)`];
    }
    if (resolution.outcome === 'WHITESPACE_ONLY')
      return [`${label} WHITESPACE_ONLY: same tokens, spacing changed`];
    return [];
  });
}

/**
 * A claim's grounding from its shape problems and ref resolutions, in this order: malformed or
 * unpinned → `unsupported`; no refs → `ungrounded`; a failing ref → `unresolved`; only
 * unverifiable refs → `unverifiable`; a token of the text missing from the resolved evidence →
 * `unsupported` (or `unverifiable` when an unverifiable ref might hold it); else `grounded`.
 */
export function decideGrounding(
  claim: Claim,
  resolutions: readonly RefResolution[],
  shapeProblems: readonly string[],
): ClaimGrounding {
  const base = { claim_id: claim.id, lane_id: claim.lane_id, refs: resolutions.map(refCheck) };
  const refProblems = resolutions.flatMap((resolution) =>
    resolution.problems.map((problem) => problem.message),
  );
  const unpinned = claim.unpinned_citations ?? [];
  if (shapeProblems.length > 0 || unpinned.length > 0) {
    const problems = [
      ...shapeProblems.map((problem) => `malformed claim: ${problem}`),
      ...unpinned.map((problem) => `citation not pinned to tool output: ${problem}`),
      ...refProblems,
    ];
    return { ...base, status: 'unsupported', problems };
  }
  if (claim.evidence_refs.length === 0) {
    return { ...base, status: 'ungrounded', problems: ['claim has no evidence refs'] };
  }
  const failing = resolutions.filter((resolution) => resolution.status === 'unresolved');
  if (failing.length > 0) return { ...base, status: 'unresolved', problems: refProblems };
  const resolved = resolutions.filter((resolution) => resolution.status === 'resolved');
  if (resolved.length === 0) return { ...base, status: 'unverifiable', problems: refProblems };
  const support = checkSupport(
    claim.text,
    {
      texts: resolved.map((resolution) => resolution.text ?? ''),
      paths: resolved.flatMap((resolution) => (resolution.ref.kind === 'file' ? [resolution.ref.path] : [])),
    },
    statementOf(claim),
  );
  const stale = notes(resolved);
  if (!support.supported) {
    // Identifiers split out of a claim quoting a secret are fragments no later redaction recognises.
    const missing = support.missing.map((token) => redactDerived(token, claim.text));
    const problem = `not supported by its evidence: ${missing.join(', ')} not found in the cited text`;
    const status = resolved.length < resolutions.length ? 'unverifiable' : 'unsupported';
    return {
      ...base,
      status,
      problems: [problem, ...refProblems, ...stale],
      missing_tokens: missing,
    };
  }
  return { ...base, status: 'grounded', problems: [...refProblems, ...stale] };
}
