import type {
  AggregateBundle,
  ClaimGrounding,
  MissionIntent,
  ValidatorReport,
  Verdict,
  VerifyReport,
} from '../contracts/index.js';
import { createClaimOwners, listLaneIds, sortedUnique } from './claim-owners.js';
import { createValidator, isBuiltInValidatorName } from './create-validator.js';
import { createGroundingResolver } from './grounding-resolver.js';
import { bandFor, computeHallucinationRate, isBadGrounding } from './hallucination-rate.js';
import type { GroundingResolver } from './ref-resolution.js';
import type { Validator } from './validator.js';
import { VerifyError } from './verify-error.js';

/** Input of {@link runVerify}. */
export interface RunVerifyInput {
  aggregate: AggregateBundle;
  intent: MissionIntent;
  /** Absolute workspace directory the evidence refs point into. */
  workspace: string;
  /** 1 for the first verification, +1 per targeted re-run. */
  attempt: number;
  /**
   * Validators for quorum names that are not built in (specialists), or replacements for built-ins
   * (matched by `name`). Validators not named in `intent.quorum.validators` do not vote and are not run.
   */
  validators?: readonly Validator[] | undefined;
  /** Defaults to `createGroundingResolver({ workspace })`. */
  resolver?: GroundingResolver | undefined;
}

/**
 * The Verify gate: grounds every claim with the deterministic resolver, computes the hallucination
 * rate, runs the quorum's validators and decides. Quorum not held → FAIL; otherwise the rate's band.
 * A bundle with no claims is FAIL (finding `no-claims`): a swarm that asserts nothing has verified
 * nothing, and a rate of 0 must not read as a pass.
 *
 * `failing_lanes` is the union of the lanes blamed by failing validators and the lanes whose own
 * claims' rate is above the target (computed for every verdict; only FAIL re-runs them). On a FAIL
 * that blames no lane (no claims, a canary accepted) every lane fails.
 *
 * @throws {VerifyError} `VALIDATOR_NOT_FOUND` when a quorum name is neither built in nor passed in
 * `validators`; `WORKSPACE_NOT_ABSOLUTE` / `WORKSPACE_NOT_FOUND` for a bad workspace.
 */
export async function runVerify(input: RunVerifyInput): Promise<VerifyReport> {
  const { aggregate, intent, attempt } = input;
  const voters = intent.quorum.validators.map((name) => findValidator(name, input.validators ?? []));
  const resolver = input.resolver ?? createGroundingResolver({ workspace: input.workspace });
  const grounding = await Promise.all(aggregate.claims.map((claim) => resolver.groundClaim(claim)));
  const rate = computeHallucinationRate(grounding);
  const votes = await Promise.all(
    voters.map((validator) => validator.validate({ aggregate, grounding, resolver, intent })),
  );
  const passes = votes.filter((vote) => vote.passed).length;
  const held = passes >= intent.quorum.threshold;
  const noClaims = aggregate.claims.length === 0;
  const verdict: Verdict = noClaims || !held ? 'FAIL' : bandFor(rate, intent.verify);
  const reports = noClaims && !votes.some(hasNoClaimsFinding) ? [...votes, noClaimsReport()] : votes;
  const blamed = new Set([
    ...votes.filter((vote) => !vote.passed).flatMap((vote) => vote.failing_lanes),
    ...lanesAboveTarget(aggregate, grounding, intent.verify.hallucination_rate_target),
  ]);
  const failingLanes =
    verdict === 'FAIL' && blamed.size === 0 ? listLaneIds(aggregate, intent) : sortedUnique(blamed);
  return {
    attempt,
    verdict,
    hallucination_rate: rate,
    claims_total: grounding.length,
    claims_grounded: grounding.length - grounding.filter(isBadGrounding).length,
    grounding,
    validators: reports,
    quorum: { threshold: intent.quorum.threshold, passed: passes, held },
    failing_lanes: failingLanes,
  };
}

function findValidator(name: string, provided: readonly Validator[]): Validator {
  const own = provided.find((validator) => validator.name === name);
  if (own !== undefined) return own;
  if (isBuiltInValidatorName(name)) return createValidator(name);
  const offered = provided.map((validator) => validator.name);
  throw new VerifyError(
    'VALIDATOR_NOT_FOUND',
    `quorum validator "${name}" is not built in (immunizer, disruptor, verifier_aux) and was not passed in validators${offered.length > 0 ? ` (got: ${offered.join(', ')})` : ''}`,
  );
}

/** Lanes whose own claims (including the duplicates merged into others) are worse than the target. */
function lanesAboveTarget(
  aggregate: AggregateBundle,
  grounding: readonly ClaimGrounding[],
  target: number,
): string[] {
  const ownersOf = createClaimOwners(aggregate);
  const tally = new Map<string, { bad: number; total: number }>();
  aggregate.claims.forEach((claim, index) => {
    const entry = grounding[index];
    if (entry === undefined) return;
    for (const lane of ownersOf(claim)) {
      const counts = tally.get(lane) ?? { bad: 0, total: 0 };
      counts.total += 1;
      if (isBadGrounding(entry)) counts.bad += 1;
      tally.set(lane, counts);
    }
  });
  return [...tally].filter(([, counts]) => counts.bad / counts.total > target).map(([lane]) => lane);
}

function hasNoClaimsFinding(report: ValidatorReport): boolean {
  return report.findings.some((finding) => finding.code === 'no-claims');
}

/**
 * Carries the `no-claims` finding when no voter reported it (the immunizer does). It is listed with
 * the votes for the record but does not count towards the quorum.
 */
function noClaimsReport(): ValidatorReport {
  return {
    validator: 'gate',
    passed: false,
    findings: [{ code: 'no-claims', severity: 'error', message: 'the bundle has no claims to verify' }],
    failing_lanes: [],
    summary: 'no claims: the gate does not pass an empty bundle',
  };
}
