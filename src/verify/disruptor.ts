import type { AggregateBundle, CanaryCatch, Claim, Finding, ValidatorReport } from '../contracts/index.js';
import { formatEvidenceRef } from '../contracts/index.js';
import { CANARY_LANE_ID, type CanaryClaim, forgeCanaryClaims } from './canary-claims.js';
import { sortedUnique } from './claim-owners.js';
import { createGroundingResolver } from './grounding-resolver.js';
import { findPlaceholders } from './placeholder-text.js';
import type { GroundingResolver, GroundingResolverOptions } from './ref-resolution.js';
import { createSeededRandom, seedFromText } from './seeded-random.js';
import { plantTextCanaries } from './text-canaries.js';
import type { Validator, ValidatorInput } from './validator.js';

const NAME = 'disruptor';
const TEXT_KINDS = new Set([
  'number-perturbed',
  'identifier-absent',
  'blank-evidence',
  'false-claim-real-ref',
]);

/** Settings of {@link createDisruptor}. */
export interface DisruptorOptions {
  /** Builds the fresh resolver the canaries are run through (default `createGroundingResolver`). */
  resolver?: ((options: GroundingResolverOptions) => GroundingResolver) | undefined;
  /** Fixes the canary PRNG; by default it is seeded from the bundle's claim ids. */
  seed?: number | undefined;
}

/**
 * Every canary of a bundle: forged refs (hash, range, quote, path escape, absolute path, missing
 * file) and real refs under false texts (perturbed number, absent identifier, blank evidence,
 * another claim's text). Deterministic for a bundle unless `seed` is given.
 */
export async function plantAllCanaries(
  input: Pick<ValidatorInput, 'aggregate' | 'grounding' | 'resolver'>,
  seed?: number,
): Promise<{ bundle: AggregateBundle; canaries: CanaryClaim[] }> {
  const canaries = await listAllCanaries(input, seed);
  const bundle = structuredClone(input.aggregate);
  bundle.claims.push(...canaries.map((canary) => structuredClone(canary.claim)));
  return { bundle, canaries };
}

/** The canaries of {@link plantAllCanaries} (ref forgeries first, then text ones), without the copied bundle. */
export async function listAllCanaries(
  input: Pick<ValidatorInput, 'aggregate' | 'grounding' | 'resolver'>,
  seed?: number,
): Promise<CanaryClaim[]> {
  const start = seed ?? seedFromText(input.aggregate.claims.map((claim) => claim.id).join('\n'));
  const canaries = forgeCanaryClaims(input.aggregate, input.grounding, start);
  const text = await plantTextCanaries(
    input.aggregate,
    input.grounding,
    input.resolver,
    createSeededRandom(start + 1),
  );
  return [...canaries, ...text];
}

/**
 * The red validator. It plants canaries of every class into a copy of the bundle and runs them
 * through a fresh resolver (its own cache, so nothing the gate already read can vouch for them); it
 * fails with `canary-accepted` when one grounds, and reports the catch rate per class. It flags
 * placeholder text in what Engage produced (artifacts) and in claim texts that wrote a marker
 * themselves; a marker quoted from the workspace is evidence, not a placeholder.
 */
export function createDisruptor(options: DisruptorOptions = {}): Validator {
  const createResolver = options.resolver ?? createGroundingResolver;
  async function validate(input: ValidatorInput): Promise<ValidatorReport> {
    const fresh = createResolver({ workspace: input.resolver.workspace });
    const canaries = await listAllCanaries(input, options.seed);
    const kindOf = new Map(canaries.map((canary) => [canary.claim.id, canary.kind]));
    const findings: Finding[] = [];
    const tally = new Map<string, CanaryCatch>();
    // The claims of the planted bundle, in its order: the bundle's own, then the canaries.
    for (const claim of [...input.aggregate.claims, ...canaries.map((canary) => canary.claim)]) {
      const kind = claim.lane_id === CANARY_LANE_ID ? kindOf.get(claim.id) : undefined;
      if (kind === undefined) continue;
      const grounding = await fresh.groundClaim(claim);
      const resolutions = await Promise.all(claim.evidence_refs.map((ref) => fresh.resolveRef(ref)));
      const accepted =
        grounding.status === 'grounded' ||
        (!TEXT_KINDS.has(kind) && resolutions.some((resolution) => resolution.status === 'resolved'));
      const entry = tally.get(kind) ?? { checker: 'resolver', kind, planted: 0, caught: 0 };
      entry.planted += 1;
      if (!accepted) entry.caught += 1;
      tally.set(kind, entry);
      if (accepted) {
        const refs = claim.evidence_refs.map(formatEvidenceRef).join(', ');
        findings.push({
          code: 'canary-accepted',
          severity: 'error',
          // No lane_id: a canary belongs to no lane; the fault is the checker's, not a lane's.
          claim_id: claim.id,
          message: `canary ${kind} (${refs}) was accepted as grounded: the gate is rubber-stamping`,
        });
      }
    }
    const canariesAccepted = findings.length;
    const ban = input.intent.safety.placeholder_ban;
    const placeholders = await findPlaceholderFindings(input, ban ? 'error' : 'warning');
    findings.push(...placeholders);
    const passed = canariesAccepted === 0 && (!ban || placeholders.length === 0);
    return {
      validator: NAME,
      passed,
      findings,
      failing_lanes: ban ? sortedUnique(placeholders.flatMap((finding) => finding.lane_id ?? [])) : [],
      summary: `${canaries.length - canariesAccepted} of ${canaries.length} canaries rejected; ${placeholders.length} placeholder finding(s)${ban ? '' : ' (placeholder ban off)'}`,
      canary_catch: [...tally.values()],
    };
  }
  return { name: NAME, validate };
}

async function evidenceText(claim: Claim, input: ValidatorInput): Promise<string> {
  const resolutions = await Promise.all(claim.evidence_refs.map((ref) => input.resolver.resolveRef(ref)));
  return resolutions.map((resolution) => resolution.text ?? '').join('\n');
}

async function findPlaceholderFindings(
  input: ValidatorInput,
  severity: Finding['severity'],
): Promise<Finding[]> {
  const { aggregate } = input;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const claims = [...aggregate.claims, ...aggregate.bundles.flatMap((bundle) => bundle.claims)];
  for (const claim of claims) {
    const key = `${claim.lane_id}\u0000${claim.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const markers = findPlaceholders(claim.text);
    if (markers.length === 0) continue;
    const quoted = new Set(findPlaceholders(await evidenceText(claim, input)));
    const own = markers.filter((marker) => !quoted.has(marker));
    if (own.length === 0) continue;
    findings.push({
      code: 'placeholder-text',
      severity,
      claim_id: claim.id,
      lane_id: claim.lane_id,
      message: `claim ${claim.id} contains placeholder text not quoted from its evidence: ${own.join(', ')}`,
    });
  }
  for (const bundle of aggregate.bundles) {
    for (const artifact of bundle.artifacts) {
      const markers = findPlaceholders(`${artifact.name}\n${artifact.content}`);
      if (markers.length === 0) continue;
      findings.push({
        code: 'placeholder-text',
        severity,
        lane_id: bundle.lane_id,
        message: `artifact ${artifact.name} contains placeholder text: ${markers.join(', ')}`,
      });
    }
  }
  return findings;
}
