import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AggregateBundle, ClaimGrounding } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';
import { createGroundingResolver, isBadGrounding, runVerify } from '../verify/index.js';
import type { QualityCase, QualitySet } from './quality-cases.js';

/** How the gate did on one case. */
export interface CaseOutcome {
  case: QualityCase;
  grounding: ClaimGrounding;
  /** The gate counted it as a hallucination. */
  flagged: boolean;
}

/** One bundle's estimated rate against its true rate. */
export interface RateTrial {
  trueRate: number;
  estimated: number;
  interval: [number, number];
  verdict: string;
}

/** Writes the set's files into a fresh workspace; `remove` deletes it. */
export async function writeQualityWorkspace(
  set: QualitySet,
): Promise<{ root: string; remove: () => Promise<void> }> {
  const root = await realpath(await mkdtemp(path.join(tmpdir(), 'swarmlord-quality-')));
  for (const [relative, text] of Object.entries(set.files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), text, 'utf8');
  }
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Grounds every case with the deterministic resolver. */
export async function evaluateCases(set: QualitySet, root: string): Promise<CaseOutcome[]> {
  const resolver = createGroundingResolver({ workspace: root });
  return Promise.all(
    set.cases.map(async (entry) => {
      const grounding = await resolver.groundClaim(entry.claim);
      return { case: entry, grounding, flagged: isBadGrounding(grounding) };
    }),
  );
}

/**
 * Builds a bundle of `size` claims of which `round(trueRate · size)` lie (lie classes in turn,
 * the rest harmless cases) spread over two lanes, runs the whole gate and returns its estimate.
 */
export async function estimateRate(
  set: QualitySet,
  root: string,
  trueRate: number,
  size: number,
): Promise<RateTrial> {
  const lies = set.cases.filter((entry) => entry.lie);
  const harmless = set.cases.filter((entry) => !entry.lie);
  const bad = Math.round(trueRate * size);
  const chosen = [
    ...Array.from({ length: bad }, (_, index) => lies[index % lies.length] as QualityCase),
    ...Array.from({ length: size - bad }, (_, index) => harmless[index % harmless.length] as QualityCase),
  ].map((entry, index) => ({
    ...entry.claim,
    id: `t${index + 1}`,
    lane_id: index % 2 === 0 ? 'lane-1' : 'lane-2',
  }));
  const bundles = ['lane-1', 'lane-2'].map((lane) => ({
    lane_id: lane,
    attempt: 1,
    summary: 'bench',
    claims: chosen.filter((claim) => claim.lane_id === lane),
    artifacts: [],
  }));
  const aggregate: AggregateBundle = { bundles, claims: chosen, duplicates_merged: 0 };
  const intent = MissionIntentSchema.parse({
    mission_id: 'mi_bench',
    created_at: '2026-01-01T00:00:00Z',
    objective: 'bench',
  });
  const report = await runVerify({ aggregate, intent, workspace: root, attempt: 1 });
  return {
    trueRate: bad / size,
    estimated: report.hallucination_rate,
    interval: report.hallucination_rate_interval ?? [0, 1],
    verdict: report.verdict,
  };
}
