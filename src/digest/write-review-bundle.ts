import { dirname, join, resolve } from 'node:path';
import { redactSecrets } from '../blackboard/index.js';
import type { AggregateBundle, BundleLane, ReviewBundleFile } from '../contracts/index.js';
import { REVIEW_BUNDLE_FORMAT, ReviewBundleFileSchema } from '../contracts/index.js';
import { writeFileAtomic } from '../intent/write-file-atomic.js';
import { readHeadCommit } from '../verify/git-file-at-commit.js';
import { DigestError } from './digest-error.js';
import { DEFAULT_DIGEST_DIR } from './write-digest.js';

/** Options of {@link writeReviewBundle}. */
export interface WriteReviewBundleOptions {
  /** Working directory the digest directory is relative to. */
  cwd: string;
  /** Digest directory relative to `cwd` (the intent's `outputs.digest_dir`); default `hfo_digests`. */
  dir?: string | undefined;
  missionId: string;
  /** The workspace the refs point into, as the mission named it (informational). */
  workspace: string;
  /** The workspace's git commit; default: its `HEAD` when the workspace is a git repository. */
  commit?: string | undefined;
  /** Write beside this file (the run's `digest.json`) instead of `<dir>/<mission_id>/`. */
  besideFile?: string | undefined;
  /** Who each lane is (model, persona), so a later `swarmlord verify` counts independent agreement. */
  lanes?: readonly BundleLane[] | undefined;
  /** Clock for `created_at`; default now. */
  now?: Date | undefined;
}

/** The aggregate as a review bundle file (`REVIEW_BUNDLE_FORMAT`), validated against its schema. */
export function toReviewBundleFile(
  aggregate: AggregateBundle,
  options: WriteReviewBundleOptions,
): ReviewBundleFile {
  return ReviewBundleFileSchema.parse({
    format: REVIEW_BUNDLE_FORMAT,
    mission_id: options.missionId,
    created_at: (options.now ?? new Date()).toISOString(),
    workspace: options.workspace,
    ...(options.commit === undefined ? {} : { commit: options.commit }),
    ...(options.lanes === undefined ? {} : { lanes: [...options.lanes] }),
    claims: aggregate.claims,
    bundles: aggregate.bundles,
    duplicates_merged: aggregate.duplicates_merged,
  });
}

/**
 * Writes the mission's aggregated review bundle as `<dir>/<mission_id>/bundle.json` (or beside the
 * run's digest with `besideFile`), atomically,
 * in the schema `swarmlord schema bundle` prints, so any digest can be re-verified later with
 * `swarmlord verify`.
 *
 * @throws {DigestError} `DIGEST_PATH_UNSAFE` when the mission id could escape the digest directory.
 */
export async function writeReviewBundle(
  aggregate: AggregateBundle,
  options: WriteReviewBundleOptions,
): Promise<{ bundlePath: string }> {
  if (!/^[A-Za-z0-9_-]+$/.test(options.missionId)) {
    throw new DigestError(
      'DIGEST_PATH_UNSAFE',
      `mission id ${JSON.stringify(options.missionId)} is not a safe directory name`,
    );
  }
  const directory =
    options.besideFile === undefined
      ? join(options.cwd, options.dir ?? DEFAULT_DIGEST_DIR, options.missionId)
      : dirname(options.besideFile);
  const bundlePath = join(directory, REVIEW_BUNDLE_FILE_NAME);
  const commit = options.commit ?? (await readHeadCommit(resolve(options.cwd, options.workspace)));
  await writeFileAtomic(bundlePath, reviewBundleText(aggregate, { ...options, commit }), { overwrite: true });
  return { bundlePath };
}

/** The review bundle's file name beside a digest. */
export const REVIEW_BUNDLE_FILE_NAME = 'bundle.json';

/**
 * The bytes {@link writeReviewBundle} writes, secrets redacted (the bundle quotes the workspace and
 * the models: no secret leaves in it); `options.commit` as given (no `HEAD` read here).
 */
export function reviewBundleText(aggregate: AggregateBundle, options: WriteReviewBundleOptions): string {
  const file = redactSecrets(toReviewBundleFile(aggregate, options));
  return `${JSON.stringify(file, null, 2)}\n`;
}
