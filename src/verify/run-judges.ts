import type {
  CanaryCatch,
  Claim,
  ClaimGrounding,
  ClaimJudgementRecord,
  Finding,
  ValidatorReport,
} from '../contracts/index.js';
import { formatEvidenceRef } from '../contracts/index.js';
import type { ModelPort } from '../models/model-port.js';
import type { CanaryClaim } from './canary-claims.js';
import { claimKey } from './collect-claims.js';
import { type JudgedItem, type JudgeRun, judgeClaims } from './judge-claims.js';
import type { GroundingResolver } from './ref-resolution.js';

/** What the judges said, ready to fold into the grounding and the votes. */
export interface JudgesOutcome {
  /** Per validator name: its judge's run. */
  runs: Map<string, JudgeRun>;
  /** Per claim key: every judgement it received. */
  judgements: Map<string, ClaimJudgementRecord[]>;
  /** Per validator name: how its judge did on the text canaries. */
  canaryCatch: Map<string, CanaryCatch[]>;
}

async function itemFor(key: string, claim: Claim, resolver: GroundingResolver): Promise<JudgedItem> {
  const evidence = await Promise.all(
    claim.evidence_refs.map(async (ref) => {
      const resolution = await resolver.resolveRef(ref);
      return {
        label: formatEvidenceRef(ref),
        text: resolution.text ?? '',
        ref: ref.kind === 'file' ? ref : undefined,
      };
    }),
  );
  return { key, text: claim.text, evidence };
}

/**
 * Puts the claims the deterministic checks grounded (and the text canaries, indistinguishable
 * from them) to each validator's judge, in parallel. Claims that already failed are not asked
 * about: a judge can only make a claim worse, never rescue it.
 */
export async function runJudges(options: {
  judges: Readonly<Record<string, ModelPort>>;
  voters: readonly string[];
  claims: readonly Claim[];
  grounding: ReadonlyMap<string, ClaimGrounding>;
  canaries: readonly CanaryClaim[];
  resolver: GroundingResolver;
  timeoutMs: number;
}): Promise<JudgesOutcome> {
  const grounded = options.claims.filter(
    (claim) => options.grounding.get(claimKey(claim))?.status === 'grounded',
  );
  const items: JudgedItem[] = [];
  const claimOf = new Map<string, string>();
  const canaryOf = new Map<string, CanaryClaim>();
  const entries: { key: string; claim: Claim }[] = [
    ...grounded.map((claim) => ({ key: claimKey(claim), claim })),
    ...options.canaries.map((canary) => ({ key: `canary\u0000${canary.claim.id}`, claim: canary.claim })),
  ];
  // Interleave by a stable hash of the text so canaries do not sit together at the end.
  entries.sort((a, b) => (a.claim.text < b.claim.text ? -1 : a.claim.text > b.claim.text ? 1 : 0));
  for (const [index, entry] of entries.entries()) {
    const opaque = `c${index + 1}`;
    if (entry.key.startsWith('canary\u0000')) {
      const canary = options.canaries.find((candidate) => `canary\u0000${candidate.claim.id}` === entry.key);
      if (canary !== undefined) canaryOf.set(opaque, canary);
    } else {
      claimOf.set(opaque, entry.key);
    }
    items.push(await itemFor(opaque, entry.claim, options.resolver));
  }
  const names = [...new Set(options.voters)].filter((name) => Object.hasOwn(options.judges, name));
  const runs = new Map<string, JudgeRun>();
  await Promise.all(
    names.map(async (validator) => {
      const model = options.judges[validator] as ModelPort;
      runs.set(validator, await judgeClaims({ validator, model, items, timeoutMs: options.timeoutMs }));
    }),
  );
  const judgements = new Map<string, ClaimJudgementRecord[]>();
  const canaryCatch = new Map<string, CanaryCatch[]>();
  for (const [validator, run] of runs) {
    if (!run.ok) continue;
    const tally = new Map<string, CanaryCatch>();
    for (const [opaque, record] of run.support) {
      const key = claimOf.get(opaque);
      if (key !== undefined) judgements.set(key, [...(judgements.get(key) ?? []), record]);
    }
    for (const [opaque, canary] of canaryOf) {
      const entry = tally.get(canary.kind) ?? {
        checker: `${validator} judge (${run.model})`,
        kind: canary.kind,
        planted: 0,
        caught: 0,
      };
      entry.planted += 1;
      const support = run.support.get(opaque)?.support;
      if (support === 'unsupported' || support === 'contradicted') entry.caught += 1;
      tally.set(canary.kind, entry);
    }
    canaryCatch.set(validator, [...tally.values()]);
  }
  return { runs, judgements, canaryCatch };
}

/**
 * A claim after its judgements: `contradicted` when any judge found the evidence says otherwise,
 * `unsupported` when any found it does not say so; never better than the deterministic status.
 */
export function applyJudgements(
  grounding: ClaimGrounding,
  records: readonly ClaimJudgementRecord[],
): ClaimGrounding {
  if (records.length === 0) return grounding;
  const withRecords = { ...grounding, judgements: [...records] };
  if (grounding.status !== 'grounded') return withRecords;
  const against = records.filter(
    (record) => record.support === 'contradicted' || record.support === 'unsupported',
  );
  if (against.length === 0) return withRecords;
  const contradicted = against.some((record) => record.support === 'contradicted');
  const problems = against.map(
    (record) => `judged ${record.support} by ${record.validator} (${record.model}): ${record.reason}`,
  );
  return {
    ...withRecords,
    status: contradicted ? 'contradicted' : 'unsupported',
    problems: [...problems, ...grounding.problems],
  };
}

/**
 * Folds a judge's run into its validator's vote: an error or timeout fails the vote with its
 * reason; a claim the judge rejected is an error finding on its lane; `judged_by` names the model.
 */
export function mergeJudgeIntoVote(
  vote: ValidatorReport,
  run: JudgeRun | undefined,
  rejected: readonly { claim: Claim; record: ClaimJudgementRecord }[],
  owners: (claim: Claim) => string[],
  canaryCatch: readonly CanaryCatch[],
): ValidatorReport {
  if (run === undefined) return vote;
  if (!run.ok) {
    const finding: Finding = {
      code: 'judge-error',
      severity: 'error',
      message: `${vote.validator}'s judge ${run.model} failed: ${run.reason}`,
    };
    return {
      ...vote,
      passed: false,
      judged_by: run.model,
      findings: [...vote.findings, finding],
      summary: `${vote.summary}; judge ${run.model} failed (${run.reason}): FAIL vote`,
    };
  }
  const findings: Finding[] = rejected.map(({ claim, record }) => ({
    code: `judged-${record.support}`,
    severity: 'error',
    claim_id: claim.id,
    lane_id: claim.lane_id,
    message: `claim ${claim.id} judged ${record.support} by ${run.model}: ${record.reason}`,
  }));
  const lanes = rejected.flatMap(({ claim }) => owners(claim));
  const passed = vote.passed && run.verdict === 'pass' && rejected.length === 0;
  return {
    ...vote,
    passed,
    judged_by: run.model,
    findings: [...vote.findings, ...findings],
    failing_lanes: [...new Set([...vote.failing_lanes, ...lanes])].sort(),
    summary: `${vote.summary}; judged by ${run.model}: ${rejected.length} claim(s) rejected, verdict ${run.verdict}`,
    ...(canaryCatch.length === 0 ? {} : { canary_catch: [...(vote.canary_catch ?? []), ...canaryCatch] }),
  };
}
