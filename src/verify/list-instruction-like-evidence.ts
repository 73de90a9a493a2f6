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
  // Lanes cite the same excerpts: each distinct text is redacted and matched once per round.
  const excerpts = new Map<string, string | undefined>();
  const excerptOf = (text: string): string | undefined => {
    if (!excerpts.has(text)) excerpts.set(text, findInstructionLikeText(text));
    return excerpts.get(text);
  };
  for (const claim of claims) {
    for (const ref of claim.evidence_refs) {
      const text = (await resolver.resolveRef(ref)).text;
      const excerpt = text === undefined ? undefined : excerptOf(text);
      if (excerpt !== undefined) {
        found.push({ claim_id: claim.id, lane_id: claim.lane_id, ref: formatEvidenceRef(ref), excerpt });
      }
    }
  }
  return found;
}
