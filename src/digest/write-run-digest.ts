import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Digest } from '../contracts/digest.js';
import { DigestError } from './digest-error.js';
import { renderDigestMarkdown } from './render-digest-markdown.js';
import { DEFAULT_DIGEST_DIR, type WriteDigestOptions } from './write-digest.js';
import { removeOrphanTemps, writeFilesTogether } from './write-files-together.js';

/** Where one run's digest went. */
export interface RunDigestPaths {
  /** `<mission_id>/<run>`, e.g. `mi_2026-11-22_a1b2c3/run-002`. */
  runId: string;
  markdownPath: string;
  jsonPath: string;
  /** The mission's latest digest (a copy of this run's), at `<dir>/<mission_id>/digest.md`. */
  latestMarkdownPath: string;
}

const RUN_DIGITS = 3;

/**
 * Claims the next free run folder `<dir>/<mission_id>/run-NNN` (created exclusively, so two runs of
 * one intent started at once never share one) and returns its name.
 */
export async function claimRunDirectory(missionDirectory: string): Promise<string> {
  await mkdir(missionDirectory, { recursive: true });
  for (let run = 1; ; run += 1) {
    const name = `run-${String(run).padStart(RUN_DIGITS, '0')}`;
    try {
      await mkdir(join(missionDirectory, name));
      return name;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
}

async function runDirectories(missionDirectory: string): Promise<string[]> {
  const names = await readdir(missionDirectory).catch(() => [] as string[]);
  return names.filter((name) => /^run-\d+$/.test(name)).map((name) => join(missionDirectory, name));
}

/**
 * Writes a run's digest to its own folder, `<dir>/<mission_id>/run-NNN/digest.{md,json}`, so running
 * an intent again never overwrites an earlier run, and refreshes `<dir>/<mission_id>/digest.{md,json}`
 * as the mission's latest digest.
 *
 * @throws {DigestError} `DIGEST_PATH_UNSAFE` when the mission id could escape the digest directory.
 */
export async function writeRunDigest(digest: Digest, options: WriteDigestOptions): Promise<RunDigestPaths> {
  if (!/^[A-Za-z0-9_-]+$/.test(digest.mission_id)) {
    throw new DigestError(
      'DIGEST_PATH_UNSAFE',
      `mission id ${JSON.stringify(digest.mission_id)} is not a safe directory name`,
    );
  }
  const missionDirectory = join(options.cwd, options.dir ?? DEFAULT_DIGEST_DIR, digest.mission_id);
  const run = await claimRunDirectory(missionDirectory);
  // Temp files of an earlier run of this mission that was killed while writing (issue 18: orphans are cleaned).
  for (const directory of [missionDirectory, ...(await runDirectories(missionDirectory))])
    await removeOrphanTemps(directory);
  const json = `${JSON.stringify(digest, null, 2)}\n`;
  const markdown = renderDigestMarkdown(digest);
  const markdownPath = join(missionDirectory, run, 'digest.md');
  const jsonPath = join(missionDirectory, run, 'digest.json');
  // JSON first, Markdown second, each pair renamed only once both are whole (a reader checks the pair).
  await writeFilesTogether([
    [jsonPath, json],
    [markdownPath, markdown],
  ]);
  const latestMarkdownPath = join(missionDirectory, 'digest.md');
  await writeFilesTogether([
    [join(missionDirectory, 'digest.json'), json],
    [latestMarkdownPath, markdown],
  ]);
  return { runId: `${digest.mission_id}/${run}`, markdownPath, jsonPath, latestMarkdownPath };
}
