import type { FileEvidenceRef, Observation } from '../contracts/index.js';
import type { ContextExcerpt } from '../models/index.js';
import type { ProvenanceLedger } from './provenance-ledger.js';

/** Most excerpts a model writing claims is shown. */
export const CLAIM_CONTEXT_EXCERPTS = 24;

/** The excerpts behind the observations, so a model writing claims reads the text it cites. */
export function excerptsBehind(
  ledger: ProvenanceLedger,
  observations: readonly Observation[],
): ContextExcerpt[] {
  const cited: FileEvidenceRef[] = [];
  for (const observation of observations) {
    for (const ref of observation.evidence_refs) if (ref.kind === 'file') cited.push(ref);
  }
  const behind: ContextExcerpt[] = [];
  if (cited.length === 0) return behind;
  // In the order entered, the first CLAIM_CONTEXT_EXCERPTS that overlap a cited range of their file.
  for (const excerpt of ledger.excerpts()) {
    const { path, commit, lines } = excerpt.ref;
    for (const ref of cited) {
      if (
        ref.path === path &&
        ref.commit === commit &&
        ref.lines[0] <= lines[1] &&
        ref.lines[1] >= lines[0]
      ) {
        behind.push(excerpt);
        break;
      }
    }
    if (behind.length === CLAIM_CONTEXT_EXCERPTS) break;
  }
  return behind;
}
