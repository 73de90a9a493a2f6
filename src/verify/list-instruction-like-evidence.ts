import type { Claim, InstructionLikeEvidence } from '../contracts/index.js';
import { formatEvidenceRef } from '../contracts/index.js';
import { findInstructionLikeText } from './instruction-like-text.js';
import type { GroundingResolver } from './ref-resolution.js';

/**
 * Cited evidence that reads like an instruction to the gate, per claim and ref. It is reported as
 * quoted data; nothing here changes a verdict.
 */
export async function listInstructionLikeEvidence(
  claims: readonly Claim[],
  resolver: GroundingResolver,
): Promise<InstructionLikeEvidence[]> {
  const found: InstructionLikeEvidence[] = [];
  for (const claim of claims) {
    for (const ref of claim.evidence_refs) {
      const text = (await resolver.resolveRef(ref)).text;
      const excerpt = text === undefined ? undefined : findInstructionLikeText(text);
      if (excerpt !== undefined) {
        found.push({ claim_id: claim.id, lane_id: claim.lane_id, ref: formatEvidenceRef(ref), excerpt });
      }
    }
  }
  return found;
}
