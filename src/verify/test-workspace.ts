import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {
  AggregateBundle,
  Artifact,
  Claim,
  EvidenceRef,
  FileEvidenceRef,
  MissionIntent,
  MissionIntentInput,
  ReviewBundle,
} from '../contracts/index.js';
import { hashLineRange, MissionIntentSchema } from '../contracts/index.js';
import { createGroundingResolver } from './grounding-resolver.js';
import type { ValidatorInput } from './validator.js';

/**
 * Test kit of the verify tests: real files in a temporary directory and honest evidence refs
 * hashed from them with the producers' hashing. Not exported from the folder's index.
 */
export interface TestWorkspace {
  /** Absolute, symlink-free directory. */
  root: string;
  write(relativePath: string, text: string): Promise<void>;
  /** A correct file ref to lines `[start, end]` of a file already written. */
  ref(relativePath: string, lines: [number, number], quote?: string): FileEvidenceRef;
  remove(): Promise<void>;
}

export async function createTestWorkspace(files: Record<string, string> = {}): Promise<TestWorkspace> {
  const root = await realpath(await mkdtemp(path.join(tmpdir(), 'swarmlord-verify-')));
  const texts = new Map<string, string>();
  async function write(relativePath: string, text: string): Promise<void> {
    const target = path.join(root, relativePath);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text, 'utf8');
    texts.set(relativePath, text);
  }
  for (const [relativePath, text] of Object.entries(files)) await write(relativePath, text);
  function ref(relativePath: string, lines: [number, number], quote?: string): FileEvidenceRef {
    const text = texts.get(relativePath);
    const sha256 = text === undefined ? undefined : hashLineRange(text, lines);
    if (sha256 === undefined) throw new Error(`test kit: no lines ${lines.join('-')} in ${relativePath}`);
    return { kind: 'file', path: relativePath, lines, sha256, ...(quote === undefined ? {} : { quote }) };
  }
  return { root, write, ref, remove: () => rm(root, { recursive: true, force: true }) };
}

/** The sha256 of nothing in particular: a forged hash. */
export const FORGED_SHA256 = 'f'.repeat(64);

export function forge(ref: FileEvidenceRef): FileEvidenceRef {
  return { ...ref, sha256: FORGED_SHA256 };
}

export function makeClaim(laneId: string, id: string, text: string, refs: EvidenceRef[]): Claim {
  return { id, lane_id: laneId, text, evidence_refs: refs };
}

export function makeBundle(laneId: string, claims: Claim[], artifacts: Artifact[] = []): ReviewBundle {
  return { lane_id: laneId, attempt: 1, summary: `${laneId} findings`, claims, artifacts };
}

/** Joins bundles without deduplication (what Aggregate does when no two claims share evidence). */
export function makeAggregate(bundles: ReviewBundle[]): AggregateBundle {
  return { bundles, claims: bundles.flatMap((bundle) => bundle.claims), duplicates_merged: 0 };
}

export function makeIntent(overrides: Partial<MissionIntentInput> = {}): MissionIntent {
  return MissionIntentSchema.parse({
    mission_id: 'mi_test',
    created_at: '2025-10-30T00:00:00Z',
    objective: 'Check the verify gate',
    ...overrides,
  });
}

/** A small source file of `count` distinct numbered lines. */
export function numberedSource(count: number): string {
  return Array.from({ length: count }, (_, index) => `export const value${index + 1} = ${index + 1};`).join(
    '\n',
  );
}

/** Grounds every claim against `workspaceRoot` with a fresh resolver: the input a validator votes on. */
export async function groundedInput(
  workspaceRoot: string,
  aggregate: AggregateBundle,
  intent: MissionIntent = makeIntent(),
): Promise<ValidatorInput> {
  const resolver = createGroundingResolver({ workspace: workspaceRoot });
  const grounding = await Promise.all(aggregate.claims.map((claim) => resolver.groundClaim(claim)));
  return { aggregate, grounding, resolver, intent };
}
