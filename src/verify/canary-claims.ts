import type { AggregateBundle, Claim, ClaimGrounding, FileEvidenceRef } from '../contracts/index.js';
import { sha256Hex } from '../contracts/index.js';
import { createGroundingIndex } from './grounding-index.js';
import { createSeededRandom, type SeededRandom, seedFromText } from './seeded-random.js';

/** How a canary's ref is forged. Each names one check the resolver must make. */
export type RefCanaryKind =
  | 'sha256-forged'
  | 'range-past-eof'
  | 'quote-forged'
  | 'path-escape'
  | 'absolute-path'
  | 'file-missing';

/** How a canary with a real ref lies: its text says what the cited lines do not. */
export type TextCanaryKind =
  | 'number-perturbed'
  | 'identifier-absent'
  | 'blank-evidence'
  | 'false-claim-real-ref';

/** Every canary class the disruptor plants. */
export type CanaryKind = RefCanaryKind | TextCanaryKind;

/** A claim planted by the disruptor that a sound gate must not ground. */
export interface CanaryClaim {
  kind: CanaryKind;
  claim: Claim;
}

/** The lane id canaries carry, so they can never be mistaken for a real lane's claims. */
export const CANARY_LANE_ID = 'disruptor-canary';

/** How many real refs canaries are derived from at most. */
const MAX_BASES = 3;
/** Far past the end of any file a lane would cite. */
const PAST_EOF_LINE = 10_000_000;

/**
 * Deep-copies the aggregate and plants canary claims into the copy. Forgeries that keep a real file
 * are derived from refs of claims that did ground, so each canary differs from a valid ref by
 * exactly one forged field: its rejection proves that field is checked. The bundle's claim ids seed
 * the choice unless `seed` is given, so the same bundle always meets the same canaries.
 */
export function plantCanaryClaims(
  aggregate: AggregateBundle,
  grounding: readonly ClaimGrounding[],
  seed?: number,
): { bundle: AggregateBundle; canaries: CanaryClaim[] } {
  const canaries = forgeCanaryClaims(aggregate, grounding, seed);
  const bundle = structuredClone(aggregate);
  bundle.claims.push(...canaries.map((canary) => structuredClone(canary.claim)));
  return { bundle, canaries };
}

/**
 * The canaries {@link plantCanaryClaims} plants, without the copy of the bundle: what Verify runs
 * through the resolver and the judges needs only the canaries (copying a 64-lane bundle cost more
 * than planting).
 */
export function forgeCanaryClaims(
  aggregate: AggregateBundle,
  grounding: readonly ClaimGrounding[],
  seed?: number,
): CanaryClaim[] {
  const random = createSeededRandom(
    seed ?? seedFromText(aggregate.claims.map((claim) => claim.id).join('\n')),
  );
  const bases = pickBases(aggregate, grounding, random);
  const forged: { kind: RefCanaryKind; ref: FileEvidenceRef }[] = [];
  for (const base of bases) {
    const span = base.lines[1] - base.lines[0];
    const start = PAST_EOF_LINE + random.nextInt(1000);
    forged.push(
      {
        kind: 'sha256-forged',
        ref: { ...base, sha256: sha256Hex(`canary:${base.sha256}:${random.nextHex(16)}`) },
      },
      // The hash is forged too: text that exists elsewhere in the file is RELOCATED, not a lie.
      {
        kind: 'range-past-eof',
        ref: {
          ...base,
          lines: [start, start + span],
          sha256: sha256Hex(`eof:${base.sha256}:${random.nextHex(8)}`),
        },
      },
      { kind: 'quote-forged', ref: { ...base, quote: `swarmlord canary ${random.nextHex(12)}` } },
    );
  }
  // Path forgeries need no real file, so they are planted even when nothing grounded.
  const template: FileEvidenceRef = bases[0] ?? {
    kind: 'file',
    path: 'x',
    lines: [1, 1],
    sha256: sha256Hex(''),
  };
  const depth = 2 + random.nextInt(4);
  const directory = template.path.includes('/')
    ? `${template.path.slice(0, template.path.lastIndexOf('/'))}/`
    : '';
  forged.push(
    { kind: 'path-escape', ref: { ...template, path: `${'../'.repeat(depth)}etc/passwd` } },
    { kind: 'absolute-path', ref: { ...template, path: '/etc/passwd' } },
    {
      kind: 'file-missing',
      ref: { ...template, path: `${directory}swarmlord-canary-${random.nextHex(10)}.ts` },
    },
  );
  return forged.map(({ kind, ref }, index): CanaryClaim => {
    const claim: Claim = {
      id: `canary-${index + 1}-${kind}`,
      lane_id: CANARY_LANE_ID,
      text: `Canary claim with forged evidence (${kind}); it must not be grounded.`,
      evidence_refs: [ref],
    };
    return { kind, claim };
  });
}

/** Up to {@link MAX_BASES} file refs of grounded claims, chosen by `random`. */
export function pickBases(
  aggregate: AggregateBundle,
  grounding: readonly ClaimGrounding[],
  random: SeededRandom,
): FileEvidenceRef[] {
  const groundingOf = createGroundingIndex(grounding);
  const candidates: FileEvidenceRef[] = [];
  for (const claim of aggregate.claims) {
    if (groundingOf(claim)?.status !== 'grounded') continue;
    for (const ref of claim.evidence_refs) if (ref.kind === 'file') candidates.push(ref);
  }
  const bases: FileEvidenceRef[] = [];
  while (bases.length < MAX_BASES && candidates.length > 0) {
    const [picked] = candidates.splice(random.nextInt(candidates.length), 1);
    if (picked !== undefined) bases.push(picked);
  }
  return bases;
}
