import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { outputRefOf, readOutputRef } from '../blackboard/index.js';
import type {
  AggregateBundle,
  Claim,
  ClaimGrounding,
  Digest,
  Receipt,
  RefCheck,
  VerifyReport,
} from '../contracts/index.js';
import {
  AggregateBundleSchema,
  DigestSchema,
  formatEvidenceRef,
  MissionIntentSchema,
  VerifyReportSchema,
} from '../contracts/index.js';
import type { MissionDetails } from '../store/index.js';
import type { MissingSteps } from './missing-steps.js';
import { missingSteps } from './missing-steps.js';
import type { EvidenceExcerpt } from './read-evidence-lines.js';
import { readEvidenceLines } from './read-evidence-lines.js';
import type { TimelineEntry } from './timeline-entry.js';
import { timelineEntry } from './timeline-entry.js';

/**
 * A receipt's phase output: the file its `output_ref` names (checked against the hash; undefined
 * when missing or changed), or the payload itself on blackboards written before outputs were
 * referenced (decision 0027).
 */
async function phaseOutput(receipt: Receipt, blackboardPath: string | undefined): Promise<unknown> {
  const ref = outputRefOf(receipt.data);
  if (ref === undefined) return receipt.data;
  return blackboardPath === undefined ? undefined : readOutputRef(blackboardPath, ref);
}

/** One ref of a claim: how it checked out, and the lines it cites as the workspace has them. */
export interface ClaimRefView extends Partial<RefCheck> {
  ref: string;
  kind: string;
  evidence?: EvidenceExcerpt;
  /** The quote the claim gave, when it gave one. */
  quote?: string;
}

/** One claim of a Verify round: its text, status, why it failed and its evidence. */
export interface ClaimView {
  claim_id: string;
  lane_id: string;
  /** Absent when the aggregate bundle of the round is not on the blackboard. */
  text?: string;
  status: ClaimGrounding['status'];
  problems: string[];
  missing_tokens: string[];
  judgements: NonNullable<ClaimGrounding['judgements']>;
  refs: ClaimRefView[];
}

/** One pass of the Verify gate with every claim it judged. */
export interface VerifyRoundView {
  attempt: number;
  report: VerifyReport;
  claims: ClaimView[];
}

/** What `/api/missions/<id>` returns. */
export interface MissionView {
  mission_id: string;
  objective?: string;
  workspace?: string;
  lane_ids: string[];
  /** The store's row (status, verdict, tokens, cost), when the store has the mission. */
  record?: MissionDetails;
  timeline: TimelineEntry[];
  verify_rounds: VerifyRoundView[];
  digest?: Digest;
  /** Per lane, the phases of its latest attempt with no receipt (a partial or interrupted run). */
  missing: MissingSteps[];
}

function claimsById(bundle: AggregateBundle | undefined): Map<string, Claim> {
  const byId = new Map<string, Claim>();
  for (const lane of bundle?.bundles ?? []) for (const claim of lane.claims) byId.set(claim.id, claim);
  for (const claim of bundle?.claims ?? []) byId.set(claim.id, claim);
  return byId;
}

async function readDigest(cwd: string, path: string | undefined): Promise<Digest | undefined> {
  if (path === undefined) return undefined;
  const text = await readFile(resolve(cwd, path), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = DigestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The mission as the dashboard shows it, built from the latest run's receipts (the record: every
 * Verify report and aggregate bundle is a receipt's payload), the store's row and the digest file.
 * Evidence is read from the workspace now, so a line that changed since shows what it is now
 * beside the outcome the round recorded.
 */
export async function buildMissionView(options: {
  cwd: string;
  missionId: string;
  receipts: readonly Receipt[];
  record?: MissionDetails | undefined;
  /** Whose secrets the evidence lines are redacted of (the server's environment). */
  env?: NodeJS.ProcessEnv | undefined;
  /** The blackboard the receipts come from: outputs they reference are read beside it (decision 0027). */
  blackboardPath?: string | undefined;
}): Promise<MissionView> {
  const { cwd, receipts } = options;
  const env = options.env ?? process.env;
  const start = receipts.find((receipt) => receipt.phase === 'mission_start');
  const startData = (start?.data ?? {}) as { intent?: unknown; lane_ids?: unknown };
  const intent = MissionIntentSchema.safeParse(startData.intent);
  const workspace = intent.success ? resolve(cwd, intent.data.workspace) : undefined;
  const cache = new Map<string, Promise<string[] | undefined>>();
  const bundles = new Map<number, AggregateBundle>();
  const rounds: VerifyRoundView[] = [];
  let digestPath = options.record?.mission.digestJsonPath;
  for (const receipt of receipts) {
    if (receipt.phase === 'aggregate') {
      const bundle = AggregateBundleSchema.safeParse(await phaseOutput(receipt, options.blackboardPath));
      if (bundle.success) bundles.set(receipt.attempt ?? 1, bundle.data);
    } else if (receipt.phase === 'verify') {
      const report = VerifyReportSchema.safeParse(await phaseOutput(receipt, options.blackboardPath));
      if (!report.success) continue;
      const claims = claimsById(bundles.get(report.data.attempt));
      const views = await Promise.all(
        report.data.grounding.map((grounding) =>
          claimView(grounding, claims.get(grounding.claim_id), workspace, cache, env),
        ),
      );
      rounds.push({ attempt: report.data.attempt, report: report.data, claims: views });
    } else if (receipt.phase === 'digest') {
      const data = receipt.data as { json_path?: unknown } | undefined;
      if (typeof data?.json_path === 'string') digestPath = data.json_path;
    }
  }
  const digest = await readDigest(cwd, digestPath);
  const objective = intent.success ? intent.data.objective : options.record?.mission.objective;
  const laneIds = Array.isArray(startData.lane_ids)
    ? startData.lane_ids.filter((id): id is string => typeof id === 'string')
    : [];
  return {
    mission_id: options.missionId,
    ...(objective === undefined ? {} : { objective }),
    ...(workspace === undefined ? {} : { workspace }),
    lane_ids: laneIds,
    ...(options.record === undefined ? {} : { record: options.record }),
    timeline: receipts.map(timelineEntry),
    verify_rounds: rounds,
    ...(digest === undefined ? {} : { digest }),
    missing: missingSteps(receipts, laneIds),
  };
}

async function claimView(
  grounding: ClaimGrounding,
  claim: Claim | undefined,
  workspace: string | undefined,
  cache: Map<string, Promise<string[] | undefined>>,
  env: NodeJS.ProcessEnv,
): Promise<ClaimView> {
  const checks = grounding.refs ?? [];
  const refs = await Promise.all(
    (claim?.evidence_refs ?? []).map(async (ref, index): Promise<ClaimRefView> => {
      const view: ClaimRefView = { ...checks[index], ref: formatEvidenceRef(ref), kind: ref.kind };
      if (ref.kind !== 'metric' && ref.quote !== undefined) view.quote = ref.quote;
      if (ref.kind === 'file' && workspace !== undefined)
        view.evidence = await readEvidenceLines(workspace, ref, cache, env);
      return view;
    }),
  );
  // Refs the report checked but the claim text is not on the blackboard for: show the outcome alone.
  if (claim === undefined) for (const check of checks) refs.push({ ...check, kind: 'file' });
  return {
    claim_id: grounding.claim_id,
    lane_id: grounding.lane_id,
    ...(claim === undefined ? {} : { text: claim.text }),
    status: grounding.status,
    problems: grounding.problems,
    missing_tokens: grounding.missing_tokens ?? [],
    judgements: grounding.judgements ?? [],
    refs,
  };
}
