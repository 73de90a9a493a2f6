import type { Claim, Finding, ValidatorReport } from '../contracts/index.js';
import { createClaimOwners, sortedUnique } from './claim-owners.js';
import { createGroundingIndex } from './grounding-index.js';
import { judgeCriteria } from './judge-criteria.js';
import type { Validator, ValidatorInput } from './validator.js';

/** A requirement a specialist validator checks, e.g. a SysML `requirement def`'s doc text. */
export interface Criterion {
  name: string;
  text: string;
}

/** A judge's answer for one claim against all criteria. */
export interface CriteriaJudgement {
  passed: boolean;
  reason: string;
}

/** Settings of {@link createCriteriaValidator}. */
export interface CriteriaValidatorOptions {
  /** The name `intent.quorum.validators` uses for this validator. */
  name: string;
  criteria: readonly Criterion[];
  /** Judges one claim against the criteria (an LLM, typically). Its errors propagate: no vote is cast. */
  judge?: ((claim: Claim, criteria: readonly Criterion[]) => Promise<CriteriaJudgement>) | undefined;
}

/**
 * The extension point for specialist validators. Every claim must be grounded (`ungrounded-claim`,
 * `unresolved-claim`). With a `judge`, each claim is asked about and a failed judgement is a
 * `criterion-failed` error. Without one the criteria cannot be judged deterministically: each is
 * reported as a `criterion-not-judged` warning saying a model is needed, and the vote rests on the
 * grounding check alone — a visible gap, not a silent pass. When `runVerify` was given a model for
 * this validator's name (`judges`), that model judges the claims against the criteria.
 */
export function createCriteriaValidator(options: CriteriaValidatorOptions): Validator {
  const { name, criteria } = options;
  async function validate(input: ValidatorInput): Promise<ValidatorReport> {
    const model = input.judges?.[name];
    // A model given to this validator judges every claim against the criteria in one call.
    const judged =
      options.judge === undefined && model !== undefined && criteria.length > 0
        ? await judgeCriteria({
            validator: name,
            model,
            criteria,
            claims: input.aggregate.claims,
            resolver: input.resolver,
          })
        : undefined;
    const judge =
      options.judge ??
      (judged === undefined
        ? undefined
        : async (claim: Claim): Promise<CriteriaJudgement> =>
            judged.get(claim.id) ?? { passed: false, reason: 'not judged' });
    const groundingOf = createGroundingIndex(input.grounding);
    const ownersOf = createClaimOwners(input.aggregate);
    const findings: Finding[] = [];
    const blamed: string[] = [];
    for (const claim of input.aggregate.claims) {
      const grounding = groundingOf(claim) ?? (await input.resolver.groundClaim(claim));
      const base = { severity: 'error' as const, claim_id: claim.id, lane_id: claim.lane_id };
      if (grounding.status !== 'grounded') {
        blamed.push(...ownersOf(claim));
        findings.push({
          ...base,
          code: grounding.status === 'ungrounded' ? 'ungrounded-claim' : 'unresolved-claim',
          message: `claim ${claim.id} is ${grounding.status}: ${grounding.problems.join('; ')}`,
        });
      }
      if (judge === undefined) continue;
      const judgement = await judge(claim, criteria);
      if (!judgement.passed) {
        blamed.push(...ownersOf(claim));
        findings.push({
          ...base,
          code: 'criterion-failed',
          message: `claim ${claim.id}: ${judgement.reason}`,
        });
      }
    }
    if (judge === undefined) {
      for (const criterion of criteria) {
        findings.push({
          code: 'criterion-not-judged',
          severity: 'warning',
          message: `criterion ${criterion.name} ("${criterion.text}") was not judged: a model is needed to judge it`,
        });
      }
    }
    const errors = findings.filter((finding) => finding.severity === 'error').length;
    return {
      validator: name,
      passed: errors === 0,
      findings,
      failing_lanes: sortedUnique(blamed),
      summary:
        judge === undefined
          ? `grounding checked for ${input.aggregate.claims.length} claims; ${criteria.length} criteria not judged (no model)`
          : `${input.aggregate.claims.length} claims judged against ${criteria.length} criteria${model === undefined ? '' : ` by ${model.provider}:${model.modelId}`}; ${errors} error(s)`,
    };
  }
  return { name, validate };
}
