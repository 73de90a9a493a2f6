import type { AggregateBundle, Finding, ValidatorReport } from '../contracts/index.js';
import { formatEvidenceRef } from '../contracts/index.js';
import { CANARY_LANE_ID, plantCanaryClaims } from './canary-claims.js';
import { sortedUnique } from './claim-owners.js';
import { createGroundingResolver } from './grounding-resolver.js';
import { findPlaceholders } from './placeholder-text.js';
import type { GroundingResolver, GroundingResolverOptions } from './ref-resolution.js';
import type { Validator, ValidatorInput } from './validator.js';

const NAME = 'disruptor';

/** Settings of {@link createDisruptor}. */
export interface DisruptorOptions {
  /** Builds the fresh resolver the canaries are run through (default `createGroundingResolver`). */
  resolver?: ((options: GroundingResolverOptions) => GroundingResolver) | undefined;
  /** Fixes the canary PRNG; by default it is seeded from the bundle's claim ids. */
  seed?: number | undefined;
}

/**
 * The red validator. It plants canary claims with forged refs into a copy of the bundle and runs
 * them through a fresh resolver (its own cache, so nothing the gate already read can vouch for a
 * forgery); it fails with `canary-accepted` if any canary grounds — the resolver would then be
 * rubber-stamping. It also flags placeholder text in claim texts and artifacts (`placeholder-text`),
 * failing on it when `intent.safety.placeholder_ban` is on. Evidence quotes are not scanned: quoting
 * source that contains a marker word is legitimate evidence.
 */
export function createDisruptor(options: DisruptorOptions = {}): Validator {
  const createResolver = options.resolver ?? createGroundingResolver;
  async function validate(input: ValidatorInput): Promise<ValidatorReport> {
    const fresh = createResolver({ workspace: input.resolver.workspace });
    const { bundle, canaries } = plantCanaryClaims(input.aggregate, input.grounding, options.seed);
    const kindOf = new Map(canaries.map((canary) => [canary.claim.id, canary.kind]));
    const findings: Finding[] = [];
    // Canaries are read back from the planted copy: what is checked is what was planted.
    for (const claim of bundle.claims) {
      const kind = claim.lane_id === CANARY_LANE_ID ? kindOf.get(claim.id) : undefined;
      if (kind === undefined) continue;
      const grounding = await fresh.groundClaim(claim);
      const resolutions = await Promise.all(claim.evidence_refs.map((ref) => fresh.resolveRef(ref)));
      const accepted = grounding.status === 'grounded' || resolutions.some((r) => r.status === 'resolved');
      if (accepted) {
        const refs = claim.evidence_refs.map(formatEvidenceRef).join(', ');
        findings.push({
          code: 'canary-accepted',
          severity: 'error',
          // No lane_id: a canary belongs to no lane; the fault is the resolver's, not a lane's.
          claim_id: claim.id,
          message: `canary ${kind} (${refs}) was accepted as grounded: the resolver is rubber-stamping`,
        });
      }
    }
    const canariesAccepted = findings.length;
    const ban = input.intent.safety.placeholder_ban;
    const placeholders = findPlaceholderFindings(input.aggregate, ban ? 'error' : 'warning');
    findings.push(...placeholders);
    const passed = canariesAccepted === 0 && (!ban || placeholders.length === 0);
    return {
      validator: NAME,
      passed,
      findings,
      failing_lanes: ban ? sortedUnique(placeholders.flatMap((finding) => finding.lane_id ?? [])) : [],
      summary: `${canaries.length - canariesAccepted} of ${canaries.length} canaries rejected; ${placeholders.length} placeholder finding(s)${ban ? '' : ' (placeholder ban off)'}`,
    };
  }
  return { name: NAME, validate };
}

function findPlaceholderFindings(aggregate: AggregateBundle, severity: Finding['severity']): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const claims = [...aggregate.claims, ...aggregate.bundles.flatMap((bundle) => bundle.claims)];
  for (const claim of claims) {
    const key = `${claim.lane_id}\u0000${claim.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const markers = findPlaceholders(claim.text);
    if (markers.length === 0) continue;
    findings.push({
      code: 'placeholder-text',
      severity,
      claim_id: claim.id,
      lane_id: claim.lane_id,
      message: `claim ${claim.id} contains placeholder text: ${markers.join(', ')}`,
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
