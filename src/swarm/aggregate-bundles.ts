import type { AggregateBundle, Claim, EvidenceRef, ReviewBundle } from '../contracts/index.js';

function evidenceKey(ref: EvidenceRef): string {
  switch (ref.kind) {
    case 'file':
      return `file:${ref.path}:${ref.lines[0]}-${ref.lines[1]}:${ref.sha256}`;
    case 'url':
      return `url:${ref.url}:${ref.content_sha256}`;
    case 'metric':
      return `metric:${ref.name}:${ref.value}:${ref.source}`;
  }
}

/** Two claims are duplicates when they rest on exactly the same evidence, or say the same words. */
function claimKey(claim: Claim): string {
  if (claim.evidence_refs.length > 0) return claim.evidence_refs.map(evidenceKey).sort().join('|');
  return `text:${claim.text.toLowerCase().replace(/\s+/g, ' ').trim()}`;
}

/**
 * Joins the lanes' review bundles and merges duplicate claims: the first lane's claim is kept and
 * records the ids it absorbed, so agreement across lanes stays visible.
 */
export function aggregateBundles(bundles: readonly ReviewBundle[]): AggregateBundle {
  const byKey = new Map<string, Claim>();
  let duplicates = 0;
  for (const bundle of bundles) {
    for (const claim of bundle.claims) {
      const key = claimKey(claim);
      const kept = byKey.get(key);
      if (kept === undefined) {
        byKey.set(key, { ...claim });
      } else {
        kept.merged_from = [...(kept.merged_from ?? []), claim.id];
        duplicates += 1;
      }
    }
  }
  return { bundles: [...bundles], claims: [...byKey.values()], duplicates_merged: duplicates };
}
