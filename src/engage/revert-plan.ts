import { open, readFile } from 'node:fs/promises';
import { z } from 'zod';
import { EngageError } from './engage-error.js';
import { writeBytesAtomic } from './write-bytes-atomic.js';

export const REVERT_PLAN_FORMAT = 'swarmlord.revert-plan/v1';

/** One file `--apply` is about to write, as it was before. */
export const RevertPlanFileSchema = z.object({
  path: z.string(),
  existed: z.boolean(),
  before_sha256: z.string().nullable(),
  /** The original bytes (base64): a revert is a byte-for-byte restore, not a reverse patch. */
  before_base64: z.string().nullable(),
  /** Permission bits of the original file. */
  mode: z.number().int().nullable(),
  after_sha256: z.string(),
});

/** Written and flushed before the first workspace write of `--apply`; read by `swarmlord mission revert`. */
export const RevertPlanSchema = z.object({
  format: z.literal(REVERT_PLAN_FORMAT),
  mission_id: z.string(),
  created_at: z.string(),
  /** Absolute workspace directory the paths are relative to. */
  workspace: z.string(),
  files: z.array(RevertPlanFileSchema),
  /** Folders `--apply` created (deepest last), removed again when empty. */
  created_dirs: z.array(z.string()),
});

export type RevertPlanFile = z.infer<typeof RevertPlanFileSchema>;
export type RevertPlan = z.infer<typeof RevertPlanSchema>;

/** Writes the plan durably (temp file, fsync, rename, fsync of the folder). */
export async function writeRevertPlan(path: string, plan: RevertPlan): Promise<void> {
  await writeBytesAtomic(path, `${JSON.stringify(plan, null, 2)}\n`);
  const folder = await open(path.slice(0, path.lastIndexOf('/')) || '/', 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/**
 * Reads and validates a revert plan.
 *
 * @throws {EngageError} `ENGAGE_PLAN_INVALID` naming the file and the field
 */
export async function readRevertPlan(path: string): Promise<RevertPlan> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new EngageError('ENGAGE_PLAN_INVALID', `${path}: cannot be read as JSON`, { cause: error });
  }
  const parsed = RevertPlanSchema.safeParse(json);
  if (!parsed.success) {
    throw new EngageError(
      'ENGAGE_PLAN_INVALID',
      `${path}: not a ${REVERT_PLAN_FORMAT} file (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? 'invalid'})`,
    );
  }
  return parsed.data;
}
