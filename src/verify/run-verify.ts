import type {
  AggregateBundle,
  Claim,
  ClaimGrounding,
  MissionIntent,
  ValidatorReport,
  Verdict,
  VerifyReport,
} from '../contracts/index.js';
import type { ModelPort } from '../models/model-port.js';
import { castVotes } from './cast-votes.js';
import { createClaimOwners, listLaneIds, sortedUnique } from './claim-owners.js';
import { claimKey, collectClaims } from './collect-claims.js';
import { createValidator, isBuiltInValidatorName } from './create-validator.js';
import { describeChecks } from './describe-checks.js';
import { listAllCanaries } from './disruptor.js';
import { listContradictions } from './find-contradictions.js';
import { createGroundingResolver } from './grounding-resolver.js';
import { bandFor, isBadGrounding } from './hallucination-rate.js';
import { inspectClaim } from './inspect-claim.js';
import type { JudgeRun } from './judge-claims.js';
import { type LaneProfile, laneProfilesFromIntent } from './lane-profile.js';
import { listInstructionLikeEvidence } from './list-instruction-like-evidence.js';
import type { GroundingResolver } from './ref-resolution.js';
import { applyJudgements, mergeJudgeIntoVote, runJudges } from './run-judges.js';
import { summarizeLaneClaims } from './summarize-lane-claims.js';
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
  /**
   * Language-model judges by validator name (`immunizer`, `disruptor`, `verifier_aux`, a specialist):
   * each also judges whether the cited text supports each claim. Absent: deterministic checks only.
   */
  judges?: Readonly<Record<string, ModelPort>> | undefined;
  /** Who each lane is (model, persona) for independent agreement; default from the intent. */
  lanes?: readonly LaneProfile[] | undefined;
  /** Longest a validator or judge may take before its vote is a FAIL (default 120 000 ms). */
  timeoutMs?: number | undefined;
  /**
   * `startVerify` grounds from this turn, not the next: the caller has no I/O of its own to start
   * first (its receipts wait for the judges' first call, decision 0054), so the judges are asked
   * without waiting behind the turn's other work (decision 0072).
   */
  groundNow?: boolean | undefined;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * The Verify gate. It grounds every lane claim with the deterministic resolver (ref outcomes and
 * the support check, decision 0009), asks the judges (when given) about the claims that passed —
 * they can only make a claim worse — runs the quorum's validators (each once; an error or timeout is
 * a FAIL vote), and decides: quorum not held → FAIL, else the band of the rate. The rate counts bad
 * claims over checkable ones (unverifiable claims apart) across every lane's own claims, with its
 * Wilson interval. A bundle with no claims, or none checkable, is FAIL: it has verified nothing.
 * Total on malformed input: a bad claim is an unsupported claim with its reason, never a TypeError.
 *
 * @throws {VerifyError} `VALIDATOR_NOT_FOUND` when a quorum name is neither built in nor passed in
 * `validators`; `WORKSPACE_NOT_ABSOLUTE` / `WORKSPACE_NOT_FOUND` for a bad workspace.
 */
export async function runVerify(input: RunVerifyInput): Promise<VerifyReport> {
  return startVerify(input).finish();
}

/** A Verify gate started by {@link startVerify}: `finish` runs the rest and returns the report. */
export interface StartedVerify {
  finish(): Promise<VerifyReport>;
}

/**
 * How long the gate grounds before it gives the event loop a turn while it grounds in the
 * background: by time, not by count, so claims already decided (a grounding kept by content costs
 * microseconds) do not each wait for the receipts and I/O queued behind a turn.
 */
const SLICE_MS = 0.25;

const nextTurn = () => new Promise<void>((done) => setImmediate(done));

/**
 * Starts {@link runVerify}: from the next turn of the event loop it grounds every claim with the
 * deterministic resolver, a few claims per turn, so I/O the caller started meanwhile (the
 * aggregate's receipt and its fsync) goes on under it; `finish` waits for that grounding and runs
 * the rest of the gate (judges, votes, decision). The report is exactly `runVerify`'s: the same
 * claims grounded by the same resolver, only earlier (decision 0042). An error (a bad workspace, an
 * unknown validator) is thrown by `finish`, never unhandled.
 */
export function startVerify(input: RunVerifyInput): StartedVerify {
  const grounded = groundDeterministically(input);
  grounded.catch(() => undefined);
  return { finish: async () => finishVerify(input, await grounded) };
}

interface Grounded {
  voters: Validator[];
  names: string[];
  collected: ReturnType<typeof collectClaims>;
  base: GroundingResolver;
  cleanClaims: Claim[];
  deterministic: ClaimGrounding[];
  /** Every voter is a built-in validator (none the caller passed). */
  builtInVoters: boolean;
}

async function groundDeterministically(input: RunVerifyInput): Promise<Grounded> {
  if (input.groundNow !== true) await nextTurn();
  const names = [...new Set(input.intent.quorum.validators)];
  const voters = names.map((name) => findValidator(name, input.validators ?? []));
  const builtInVoters = names.every(
    (name) => isBuiltInValidatorName(name) && !(input.validators ?? []).some((own) => own.name === name),
  );
  const collected = collectClaims(input.aggregate);
  const base = input.resolver ?? createGroundingResolver({ workspace: input.workspace });
  const rawClaims = [...collected.finalClaims, ...collected.mergedAway];
  const cleanClaims = rawClaims.map((claim, index) => inspectClaim(claim, index).claim);
  const pending: Promise<ClaimGrounding>[] = [];
  let slice = performance.now();
  for (const claim of rawClaims) {
    if (performance.now() - slice > SLICE_MS) {
      await nextTurn();
      slice = performance.now();
    }
    const grounding = base.groundClaim(claim as Claim);
    // Handled here: one that fails before a later turn is not an unhandled rejection (the gate
    // throws it from `Promise.all` below).
    grounding.catch(() => undefined);
    pending.push(grounding);
  }
  const deterministic = await Promise.all(pending);
  return { voters, names, collected, base, cleanClaims, deterministic, builtInVoters };
}

async function finishVerify(input: RunVerifyInput, grounded: Grounded): Promise<VerifyReport> {
  const { intent, attempt } = input;
  const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { voters, names, collected, base, cleanClaims, deterministic } = grounded;
  const aggregate = collected.aggregate;
  const byKey = new Map(
    cleanClaims.map((claim, index) => [claimKey(claim), deterministic[index] as ClaimGrounding]),
  );

  const finalGrounding = aggregate.claims.map((claim) => byKey.get(claimKey(claim)) as ClaimGrounding);
  const judges = input.judges ?? {};
  const judged = Object.keys(judges).length > 0;
  const canaries = judged
    ? (await listAllCanaries({ aggregate, grounding: finalGrounding, resolver: base })).filter(
        (canary) =>
          canary.kind !== 'path-escape' && canary.kind !== 'absolute-path' && canary.kind !== 'file-missing',
      )
    : [];
  const judging = judged
    ? runJudges({
        judges,
        voters: names,
        claims: aggregate.claims,
        grounding: byKey,
        canaries,
        resolver: base,
        timeoutMs,
      })
    : undefined;
  const votesOn = (entries: ReadonlyMap<string, ClaimGrounding>) =>
    castVotes(
      voters,
      {
        aggregate,
        grounding: aggregate.claims.map((claim) => entries.get(claimKey(claim)) as ClaimGrounding),
        resolver: {
          ...base,
          groundClaim: async (claim) => entries.get(claimKey(claim)) ?? base.groundClaim(claim),
        },
        intent,
        judges,
      },
      timeoutMs,
    );
  // While the judges are out (from the next turn, after their calls went out), the built-in
  // validators vote on the deterministic grounding: they read a claim's status and problems, never
  // the judges' records, so their votes stand when no judgement changed a status or a problem;
  // otherwise they vote again on the judged grounding (decision 0042). Neither depends on the judges.
  const early =
    judging !== undefined && grounded.builtInVoters
      ? nextTurn().then(() => votesOn(new Map(byKey)))
      : undefined;
  const independent = nextTurn().then(async () => ({
    contradictions: listContradictions(cleanClaims).map((entry) => entry.contradiction),
    instructionLike: await listInstructionLikeEvidence(cleanClaims, base),
  }));
  independent.catch(() => undefined);
  const outcome = await judging;
  // What is left after the judges answered takes the next turn: the judges' receipts, handed on in
  // this turn's check phase, are written first and flushed under it (decision 0058).
  if (judging !== undefined) await nextTurn();
  let judgedChanged = false;
  for (const [key, records] of outcome?.judgements ?? []) {
    const entry = byKey.get(key);
    if (entry === undefined) continue;
    const applied = applyJudgements(entry, records);
    // Only `judgements` added: the same status and the very same problems list.
    if (applied.status !== entry.status || applied.problems !== entry.problems) judgedChanged = true;
    byKey.set(key, applied);
  }

  const ownersOf = createClaimOwners(aggregate);
  const profiles = new Map((input.lanes ?? laneProfilesFromIntent(intent)).map((lane) => [lane.id, lane]));
  const summary = summarizeLaneClaims({ aggregate, claims: cleanClaims, byKey, ownersOf, profiles });
  const grounding = summary.grounding;
  const speculative = early === undefined ? undefined : await early;
  const rawVotes = speculative !== undefined && !judgedChanged ? speculative : await votesOn(byKey);
  const votes = rawVotes.map((vote) => {
    const run = outcome?.runs.get(vote.validator);
    const rejected = aggregate.claims.flatMap((claim) =>
      (outcome?.judgements.get(claimKey(claim)) ?? [])
        .filter(
          (record) =>
            record.validator === vote.validator &&
            (record.support === 'unsupported' || record.support === 'contradicted'),
        )
        .map((record) => ({ claim, record })),
    );
    return mergeJudgeIntoVote(vote, run, rejected, ownersOf, outcome?.canaryCatch.get(vote.validator) ?? []);
  });

  const passes = votes.filter((vote) => vote.passed).length;
  const held = passes >= intent.quorum.threshold;
  const nothingChecked = summary.checkable === 0;
  const verdict: Verdict = nothingChecked || !held ? 'FAIL' : bandFor(summary.rate, intent.verify);
  const reports =
    nothingChecked && !votes.some(hasNoClaimsFinding) ? [...votes, noClaimsReport(summary.total)] : votes;
  const blamed = new Set([
    ...votes.filter((vote) => !vote.passed).flatMap((vote) => vote.failing_lanes),
    ...summary.lanesAboveTarget(intent.verify.hallucination_rate_target),
  ]);
  const failingLanes =
    verdict === 'FAIL' && blamed.size === 0 ? listLaneIds(aggregate, intent) : sortedUnique(blamed);
  const judgedBy = sortedUnique(
    votes.flatMap((vote) => (vote.judged_by === undefined ? [] : [vote.judged_by])),
  );
  // One model judging for three validators is one voice: support counts distinct models that answered.
  const supportJudges = new Set(
    [...(outcome?.runs ?? new Map<string, JudgeRun>())].flatMap(([, run]) => (run.ok ? [run.model] : [])),
  ).size;
  return {
    attempt,
    verdict,
    hallucination_rate: summary.rate,
    hallucination_rate_interval: summary.interval,
    claims_total: summary.total,
    claims_grounded: grounding.filter((entry) => !isBadGrounding(entry) && entry.status !== 'unverifiable')
      .length,
    claims_unverifiable: summary.total - summary.checkable,
    grounding,
    validators: reports,
    quorum: { threshold: intent.quorum.threshold, passed: passes, held },
    failing_lanes: failingLanes,
    checked: describeChecks({ judgedBy, supportJudges, threshold: intent.quorum.threshold }),
    judged_by: judgedBy,
    support_judges: supportJudges,
    contradictions: (await independent).contradictions,
    instruction_like_evidence: (await independent).instructionLike,
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

function hasNoClaimsFinding(report: ValidatorReport): boolean {
  return report.findings.some((finding) => finding.code === 'no-claims');
}

/**
 * Carries the `no-claims` finding when no voter reported it (the immunizer does). It is listed with
 * the votes for the record but does not count towards the quorum.
 */
function noClaimsReport(total: number): ValidatorReport {
  const message =
    total === 0 ? 'the bundle has no claims to verify' : 'no claim of the bundle can be checked here';
  return {
    validator: 'gate',
    passed: false,
    findings: [{ code: 'no-claims', severity: 'error', message }],
    failing_lanes: [],
    summary: `${message}: the gate does not pass it`,
  };
}
