import type { Digest } from '../contracts/digest.js';
import { renderDigestMarkdown } from './render-digest-markdown.js';
import {
  checkBesideName,
  checkMissionId,
  claimRun,
  digestJsonText,
  type PreparedDigestText,
  type RunDigestPaths,
  reserveRunDigest,
} from './reserve-run-digest.js';
import type { WriteDigestOptions } from './write-digest.js';
import type { FileContent } from './write-files-together.js';

export type { PreparedDigestText, RunDigestPaths, RunDigestReservation } from './reserve-run-digest.js';
export { reserveRunDigest } from './reserve-run-digest.js';

/** The exact bytes {@link writeRunDigest} writes for `digest`, made now. */
export function prepareDigestText(digest: Digest): PreparedDigestText {
  return { digest, json: digestJsonText(digest), markdown: renderDigestMarkdown(digest) };
}

/**
 * Claims the next free run folder `<dir>/<mission_id>/run-NNN` (created exclusively, so two runs of
 * one intent started at once never share one) and returns its name.
 */
export async function claimRunDirectory(missionDirectory: string): Promise<string> {
  return (await claimRun(missionDirectory)).name;
}

/**
 * Writes a run's digest to its own folder, `<dir>/<mission_id>/run-NNN/digest.{md,json}`, so running
 * an intent again never overwrites an earlier run, and refreshes `<dir>/<mission_id>/digest.{md,json}`
 * as the mission's latest digest.
 *
 * @throws {DigestError} `DIGEST_PATH_UNSAFE` when the mission id could escape the digest directory.
 */
export async function writeRunDigest(
  digest: Digest,
  options: WriteDigestOptions & {
    /** Files written into the run folder with the pair (names, no folders), renamed after it. */
    besideFiles?: ReadonlyArray<readonly [name: string, content: FileContent]> | undefined;
    /** The texts of this very digest, made ahead by {@link prepareDigestText} (else made here). */
    prepared?: PreparedDigestText | undefined;
  },
): Promise<RunDigestPaths> {
  checkMissionId(digest.mission_id);
  const { prepared } = options;
  if (prepared !== undefined && prepared.digest !== digest)
    throw new TypeError('the prepared digest text is not of the digest being written');
  const besideFiles = options.besideFiles ?? [];
  for (const [name] of besideFiles) checkBesideName(name);
  // The run folder claimed and the temps created, then written and flushed, then renamed into
  // place and the folders flushed (decision 0072 splits these steps for a mission).
  const reservation = await reserveRunDigest(digest.mission_id, {
    cwd: options.cwd,
    dir: options.dir,
    besideNames: besideFiles.map(([name]) => name),
  });
  try {
    await reservation.stage(digest, { prepared, besideFiles });
    return await reservation.publish();
  } catch (error) {
    await reservation.discard();
    throw error;
  }
}
