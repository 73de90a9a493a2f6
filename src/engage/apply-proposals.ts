import { lstat, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { MissionIntent, Refusal, RunEvent } from '../contracts/index.js';
import { checkWritePath } from './check-write-path.js';
import type { EngageRuntime, LaneProposal } from './engage-runtime.js';
import { hashBytes } from './hash-bytes.js';
import type { PlannedChange } from './planned-change.js';
import { REVERT_PLAN_FORMAT, type RevertPlan, writeRevertPlan } from './revert-plan.js';
import { splitIntoChunks } from './split-into-chunks.js';
import { writeBytesAtomic } from './write-bytes-atomic.js';

/** Settings of {@link applyProposals}. */
export interface ApplyProposalsOptions {
  runtime: EngageRuntime;
  intent: MissionIntent;
  /** Where the revert plan goes (beside the digest). */
  planPath: string;
  emit: (event: RunEvent) => Promise<void>;
  now: () => Date;
}

/** What `--apply` did. */
export interface ApplyOutcome {
  written: string[];
  refused: Refusal[];
  /** Absent when nothing was written (no plan needed). */
  planPath?: string;
}

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  }
}

async function missingFolders(workspace: string, path: string): Promise<string[]> {
  const missing: string[] = [];
  for (let folder = dirname(path); folder !== '.' && folder !== ''; folder = dirname(folder)) {
    const exists = await lstat(join(workspace, folder)).then(
      () => true,
      () => false,
    );
    if (exists) break;
    missing.unshift(folder);
  }
  return missing;
}

/**
 * Writes the lanes' proposals after Verify (`--apply`). Each change is checked again — the
 * envelope (paths may have become symlinks since) and the file's bytes (they must still be what
 * the patch was made from) — and two lanes' different edits of one file keep the first. Then the
 * revert plan (original bytes, hashes, modes) is written and flushed and its receipt made durable
 * *before the first write*; then the files are written atomically, one `apply_chunk` receipt per
 * chunk (at most `safety.chunk_size_max` changed lines each), and read back against their hash.
 */
export async function applyProposals(
  proposals: readonly LaneProposal[],
  options: ApplyProposalsOptions,
): Promise<ApplyOutcome> {
  const { runtime, intent, emit, now } = options;
  const at = () => now().toISOString();
  const refused: Refusal[] = [];
  const refuse = async (laneId: string, refusal: Refusal) => {
    refused.push(refusal);
    await emit({
      type: 'safety-refusal',
      mission_id: intent.mission_id,
      at: at(),
      lane_id: laneId,
      phase: 'apply',
      role: 'shaper',
      ...refusal,
    });
  };
  const kept: { laneId: string; attempt: number; change: PlannedChange }[] = [];
  const byPath = new Map<string, PlannedChange>();
  for (const proposal of proposals) {
    for (const change of proposal.changes) {
      const denial = (reason: string): Refusal => ({
        target: change.path,
        capability: `workspace_write:${change.path}`,
        reason,
      });
      const earlier = byPath.get(change.path);
      if (earlier !== undefined) {
        if (earlier.afterSha256 !== change.afterSha256)
          await refuse(
            proposal.laneId,
            denial('conflicts with another lane’s edit of the same file; the first is kept'),
          );
        continue;
      }
      const checked = await checkWritePath(runtime.workspace, intent, change.path);
      if (!checked.ok) {
        await refuse(proposal.laneId, checked.refusal);
        continue;
      }
      const current = await readIfExists(join(runtime.workspace, change.path));
      const currentSha = current === null ? null : hashBytes(current);
      if (currentSha !== change.beforeSha256) {
        await refuse(proposal.laneId, denial('changed since the patch was proposed; not overwritten'));
        continue;
      }
      byPath.set(change.path, change);
      kept.push({ laneId: proposal.laneId, attempt: proposal.attempt, change });
    }
  }
  if (kept.length === 0) return { written: [], refused };

  const createdDirs: string[] = [];
  const files: RevertPlan['files'] = [];
  for (const { change } of kept) {
    for (const folder of await missingFolders(runtime.workspace, change.path))
      if (!createdDirs.includes(folder)) createdDirs.push(folder);
    const info = change.before === null ? undefined : await lstat(join(runtime.workspace, change.path));
    files.push({
      path: change.path,
      existed: change.before !== null,
      before_sha256: change.beforeSha256,
      before_base64: change.before?.toString('base64') ?? null,
      mode: info === undefined ? null : info.mode & 0o7777,
      after_sha256: change.afterSha256,
    });
  }
  const plan: RevertPlan = {
    format: REVERT_PLAN_FORMAT,
    mission_id: intent.mission_id,
    created_at: at(),
    workspace: runtime.workspace,
    files,
    created_dirs: createdDirs,
  };
  await mkdir(dirname(options.planPath), { recursive: true });
  await writeRevertPlan(options.planPath, plan);
  // The receipt resolves once it is durable: only then does the first byte of the workspace change.
  await emit({
    type: 'revert-plan-write',
    mission_id: intent.mission_id,
    at: at(),
    path: options.planPath,
    files: files.map(({ path, existed, before_sha256, after_sha256 }) => ({
      path,
      existed,
      before_sha256,
      after_sha256,
    })),
  });

  const written = new Set<string>();
  const lanes = [...new Set(kept.map((entry) => entry.laneId))];
  for (const laneId of lanes) {
    const entries = kept.filter((entry) => entry.laneId === laneId);
    const changes = new Map(entries.map((entry) => [entry.change.path, entry.change]));
    for (const chunk of splitIntoChunks([...changes.values()], intent.safety.chunk_size_max)) {
      // A file is written whole with the first chunk that touches it; later chunks of it only record.
      for (const path of chunk.files) {
        const change = changes.get(path);
        if (change === undefined || written.has(path)) continue;
        const target = join(runtime.workspace, path);
        await mkdir(dirname(target), { recursive: true });
        const mode = files.find((file) => file.path === path)?.mode ?? undefined;
        await writeBytesAtomic(target, change.after, mode);
        if (hashBytes(await readFile(target)) !== change.afterSha256)
          throw new Error(`${path}: written bytes do not match the patch`);
        written.add(path);
      }
      await emit({
        type: 'write-chunk',
        mission_id: intent.mission_id,
        lane_id: laneId,
        attempt: entries[0]?.attempt ?? 1,
        at: at(),
        stage: 'applied',
        chunk_id: { index: chunk.index, total: chunk.total },
        files: chunk.files,
        changed_lines: chunk.changedLines,
        diff: chunk.diff,
      });
    }
  }
  return { written: [...written], refused, planPath: options.planPath };
}
