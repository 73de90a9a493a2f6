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

/**
 * A claim's text reduced to what it says: case, whitespace, quotes and final punctuation do not
 * make two claims different; any other word does.
 */
export function normalizeClaimText(text: string): string {
  const spaced = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, ' ');
  return withoutFinalPunctuation(spaced).trim();
}

const FINAL = /[\s.;:!]/;

/**
 * `text.replace(/[\s.;:!]+$/, '')`, by one scan from the end: the regex tries every character of
 * a run of them inside the text as a start and scans the run each time (a claim of 40k characters
 * of ` .` took over a second).
 */
function withoutFinalPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && FINAL.test(text.charAt(end - 1))) end -= 1;
  return end === text.length ? text : text.slice(0, end);
}

/**
 * Two claims are duplicates only when they rest on exactly the same evidence **and** say the same
 * thing: a false claim citing another lane's honest ref must never be merged into it (and show as
 * agreement), and two lanes saying different things about the same lines are two claims.
 */
function claimKey(claim: Claim): string {
  const evidence = claim.evidence_refs.map(evidenceKey).sort().join('|');
  return `${evidence}\u0000${normalizeClaimText(claim.text)}`;
}

/**
 * Joins the lanes' review bundles and merges duplicate claims: the first lane's claim is kept and
 * records the ids it absorbed, so agreement across lanes stays visible. Claims of one lane are
 * never merged with each other (a lane repeating itself is not agreement).
 */
export function aggregateBundles(bundles: readonly ReviewBundle[]): AggregateBundle {
  const byKey = new Map<string, Claim>();
  const kept: Claim[] = [];
  let duplicates = 0;
  for (const bundle of bundles) {
    for (const claim of bundle.claims) {
      const key = claimKey(claim);
      const earlier = byKey.get(key);
      if (earlier === undefined || earlier.lane_id === claim.lane_id) {
        const copy = { ...claim };
        if (earlier === undefined) byKey.set(key, copy);
        kept.push(copy);
      } else {
        earlier.merged_from = [...(earlier.merged_from ?? []), claim.id];
        duplicates += 1;
      }
    }
  }
  return { bundles: [...bundles], claims: kept, duplicates_merged: duplicates };
}
