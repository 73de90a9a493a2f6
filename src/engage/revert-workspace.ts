import { readdir, readFile, rmdir, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { WorkspaceRestore } from '../contracts/index.js';
import { EngageError } from './engage-error.js';
import { hashBytes } from './hash-bytes.js';
import { readRevertPlan } from './revert-plan.js';
import { writeBytesAtomic } from './write-bytes-atomic.js';

/** The marker written beside a plan once it has been reverted, so a second revert does nothing twice. */
export const REVERTED_MARKER = 'revert-plan.reverted';

/** What one plan's revert did. */
export interface PlanRevert {
  planPath: string;
  files: WorkspaceRestore['files'];
}

async function hashIfExists(path: string): Promise<string | null> {
  try {
    return hashBytes(await readFile(path));
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * The revert plans of a mission that have not been reverted, newest first:
 * `<digestDir>/<missionId>/run-NNN/revert-plan.json`.
 */
export async function findRevertPlans(digestDir: string, missionId: string): Promise<string[]> {
  const missionDir = join(digestDir, missionId);
  const runs = await readdir(missionDir).catch(() => [] as string[]);
  const plans: string[] = [];
  for (const run of runs
    .filter((name) => /^run-\d+$/.test(name))
    .sort()
    .reverse()) {
    const entries = await readdir(join(missionDir, run));
    if (entries.includes('revert-plan.json') && !entries.includes(REVERTED_MARKER))
      plans.push(join(missionDir, run, 'revert-plan.json'));
  }
  return plans;
}

/**
 * Restores what one `--apply` changed, byte for byte: each file back to its original bytes and
 * mode (checked against the recorded sha256), files it created deleted, folders it created
 * removed when empty. A file changed since the apply (neither the written nor the original bytes)
 * stops the revert before anything is touched, unless `force`.
 *
 * @throws {EngageError} `ENGAGE_REVERT_CONFLICT` naming the files changed since the apply
 */
export async function revertPlan(planPath: string, options: { force?: boolean } = {}): Promise<PlanRevert> {
  const plan = await readRevertPlan(planPath);
  const drifted: string[] = [];
  for (const file of plan.files) {
    const current = await hashIfExists(join(plan.workspace, file.path));
    if (current !== file.after_sha256 && current !== file.before_sha256) drifted.push(file.path);
  }
  if (drifted.length > 0 && options.force !== true) {
    throw new EngageError(
      'ENGAGE_REVERT_CONFLICT',
      `changed since --apply wrote them, not reverted: ${drifted.join(', ')} (pass --force to restore the originals anyway)`,
    );
  }
  const files: WorkspaceRestore['files'] = [];
  for (const file of [...plan.files].reverse()) {
    const target = join(plan.workspace, file.path);
    if (file.existed && file.before_base64 !== null) {
      const bytes = Buffer.from(file.before_base64, 'base64');
      if (hashBytes(bytes) !== file.before_sha256) {
        throw new EngageError(
          'ENGAGE_PLAN_INVALID',
          `${planPath}: the recorded bytes of ${file.path} do not match their sha256`,
        );
      }
      await writeBytesAtomic(target, bytes, file.mode ?? undefined);
      files.push({ path: file.path, action: 'restored', sha256: await hashIfExists(target) });
    } else {
      await unlink(target).catch((error: { code?: string }) => {
        if (error.code !== 'ENOENT') throw error;
      });
      files.push({ path: file.path, action: 'deleted', sha256: null });
    }
  }
  for (const folder of [...plan.created_dirs].reverse()) {
    await rmdir(join(plan.workspace, folder)).catch(() => undefined);
  }
  await writeFile(join(dirname(planPath), REVERTED_MARKER), `${new Date().toISOString()}\n`);
  return { planPath, files };
}
