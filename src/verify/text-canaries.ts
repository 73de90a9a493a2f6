import type { AggregateBundle, Claim, ClaimGrounding, FileEvidenceRef } from '../contracts/index.js';
import { sha256Hex, sliceLines } from '../contracts/index.js';
import { CANARY_LANE_ID, type CanaryClaim, type TextCanaryKind } from './canary-claims.js';
import { checkSupport } from './check-support.js';
import { NUMBER } from './claim-tokens.js';
import { createGroundingIndex } from './grounding-index.js';
import type { GroundingResolver } from './ref-resolution.js';
import type { SeededRandom } from './seeded-random.js';

interface Base {
  claim: Claim;
  ref: FileEvidenceRef;
  text: string;
}

function canary(kind: TextCanaryKind, index: number, text: string, ref: FileEvidenceRef): CanaryClaim {
  return {
    kind,
    claim: { id: `canary-t${index}-${kind}`, lane_id: CANARY_LANE_ID, text, evidence_refs: [ref] },
  };
}

function perturbNumber(base: Base, random: SeededRandom): string {
  const present = new Set(
    [...base.text.matchAll(NUMBER)].map((match) => Number(match[0].replace(/[,_]/g, ''))),
  );
  const source = [...base.text.matchAll(NUMBER)][0]?.[0];
  const value = source === undefined ? 7 : Number(source.replace(/[,_]/g, ''));
  let wrong = value + 1 + random.nextInt(9);
  while (present.has(wrong)) wrong += 11;
  return `The cited lines use the value ${wrong}.`;
}

function absentIdentifier(base: Base, random: SeededRandom): string {
  const words = base.text.match(/[A-Za-z_$][\w$]{2,}/g) ?? ['handler'];
  const word = words[random.nextInt(words.length)] ?? 'handler';
  const suffixes = ['Async', 'Sync', 'Internal', 'Legacy', 'V2'];
  let identifier = `${word}${suffixes[random.nextInt(suffixes.length)] ?? 'V2'}`;
  while (base.text.includes(identifier)) identifier = `${identifier}X`;
  return `The cited lines call \`${identifier}\` before returning.`;
}

/**
 * Canaries with a real, resolving ref under a false text: a perturbed number, an identifier absent
 * from the lines, a blank line cited as evidence, and another claim's text under this ref (planted
 * only when that text carries tokens this ref lacks, so the lie is checkable). They test the
 * support check and the judges, not the ref checks.
 */
export async function plantTextCanaries(
  aggregate: AggregateBundle,
  grounding: readonly ClaimGrounding[],
  resolver: GroundingResolver,
  random: SeededRandom,
): Promise<CanaryClaim[]> {
  const groundingOf = createGroundingIndex(grounding);
  const bases: Base[] = [];
  for (const claim of aggregate.claims) {
    if (groundingOf(claim)?.status !== 'grounded') continue;
    for (const ref of claim.evidence_refs) {
      if (ref.kind !== 'file') continue;
      const resolution = await resolver.resolveRef(ref);
      if (resolution.status === 'resolved' && resolution.outcome === 'VERIFIED') {
        bases.push({ claim, ref, text: resolution.text ?? '' });
      }
    }
  }
  const base = bases[random.nextInt(Math.max(1, bases.length))];
  if (base === undefined) return [];
  const canaries: CanaryClaim[] = [];
  canaries.push(canary('number-perturbed', 1, perturbNumber(base, random), base.ref));
  canaries.push(canary('identifier-absent', 2, absentIdentifier(base, random), base.ref));
  const lines = (await resolver.readLines?.(base.ref.path)) ?? [];
  const blank = lines.findIndex((line) => line.trim() === '');
  if (blank !== -1) {
    const ref: FileEvidenceRef = {
      kind: 'file',
      path: base.ref.path,
      lines: [blank + 1, blank + 1],
      sha256: sha256Hex(sliceLines(lines, [blank + 1, blank + 1]) ?? ''),
      ...(base.ref.commit === undefined ? {} : { commit: base.ref.commit }),
    };
    canaries.push(canary('blank-evidence', 3, base.claim.text, ref));
  }
  const other = bases.find(
    (candidate) =>
      candidate.claim.text !== base.claim.text &&
      !checkSupport(candidate.claim.text, { texts: [base.text], paths: [base.ref.path] }).supported,
  );
  if (other !== undefined) canaries.push(canary('false-claim-real-ref', 4, other.claim.text, base.ref));
  return canaries;
}
