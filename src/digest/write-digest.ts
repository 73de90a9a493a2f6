import { join } from 'node:path';
import type { Digest } from '../contracts/digest.js';
import { DigestError } from './digest-error.js';
import { renderDigestMarkdown } from './render-digest-markdown.js';
import { writeFilesTogether } from './write-files-together.js';

/** Where digests go unless the intent's `outputs.digest_dir` says otherwise. */
export const DEFAULT_DIGEST_DIR = 'hfo_digests';

/** Options for {@link writeDigest}. */
export interface WriteDigestOptions {
  /** Working directory the digest directory is relative to. */
  cwd: string;
  /** Digest directory relative to `cwd` (the intent's `outputs.digest_dir`); default `hfo_digests`. */
  dir?: string;
}

/**
 * Writes `<dir>/<mission_id>/digest.md` and `digest.json`, both written before either is renamed into place (see
 * `writeFilesTogether`), so a reader never sees half a digest. A later digest of the same mission (after a resume) replaces
 * the earlier one.
 *
 * @throws {DigestError} `DIGEST_PATH_UNSAFE` when the mission id could escape the digest directory.
 */
export async function writeDigest(
  digest: Digest,
  options: WriteDigestOptions,
): Promise<{ markdownPath: string; jsonPath: string }> {
  // The id becomes a directory name; the intent schema restricts it, but a digest may come from JSON.
  if (!/^[A-Za-z0-9_-]+$/.test(digest.mission_id)) {
    throw new DigestError(
      'DIGEST_PATH_UNSAFE',
      `mission id ${JSON.stringify(digest.mission_id)} is not a safe directory name`,
    );
  }
  const directory = join(options.cwd, options.dir ?? DEFAULT_DIGEST_DIR, digest.mission_id);
  const markdownPath = join(directory, 'digest.md');
  const jsonPath = join(directory, 'digest.json');
  await writeFilesTogether([
    [jsonPath, `${JSON.stringify(digest, null, 2)}\n`],
    [markdownPath, renderDigestMarkdown(digest)],
  ]);
  return { markdownPath, jsonPath };
}
