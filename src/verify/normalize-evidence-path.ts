/**
 * `./src\\a.ts` → `src/a.ts`: the one path normalisation of evidence refs, used at the model
 * boundary (the provenance ledger) and by the resolver, so a harmless `./` never reads as a
 * hallucination. Anything it leaves odd (`..`, absolute, empty segments) the resolver rejects.
 */
export function normalizeEvidencePath(path: string): string {
  let normalized = path.trim().replace(/\\/g, '/');
  while (normalized.startsWith('./')) normalized = normalized.slice(2);
  return normalized.replace(/\/{2,}/g, '/').replace(/(?:\/\.)+(?=\/|$)/g, '');
}
