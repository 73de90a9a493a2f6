import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Digest } from '../contracts/digest.js';
import { DigestError } from './digest-error.js';
import { mkdirPath } from './digest-fs-calls.js';
import { renderDigestMarkdown } from './render-digest-markdown.js';
import { DEFAULT_DIGEST_DIR, type WriteDigestOptions } from './write-digest.js';
import {
  type FileContent,
  linkFilesTogether,
  removeOrphanTemps,
  syncDirectory,
  writeFilesTogether,
} from './write-files-together.js';

/** Where one run's digest went. */
export interface RunDigestPaths {
  /** `<mission_id>/<run>`, e.g. `mi_2026-11-22_a1b2c3/run-002`. */
  runId: string;
  markdownPath: string;
  jsonPath: string;
  /** The mission's latest digest (this run's files, hard-linked; a copy where links fail), at `<dir>/<mission_id>/digest.md`. */
  latestMarkdownPath: string;
}

const RUN_DIGITS = 3;

/** A digest's two texts, made ahead (under a wait) by {@link prepareDigestText}. */
export interface PreparedDigestText {
  readonly digest: Digest;
  readonly json: string;
  readonly markdown: string;
}

/** The exact bytes {@link writeRunDigest} writes for `digest`, made now. */
export function prepareDigestText(digest: Digest): PreparedDigestText {
  return { digest, json: digestJsonText(digest), markdown: renderDigestMarkdown(digest) };
}

function digestJsonText(digest: Digest): string {
  return `${JSON.stringify(digest, null, 2)}\n`;
}

/**
 * Claims the next free run folder `<dir>/<mission_id>/run-NNN` (created exclusively, so two runs of
 * one intent started at once never share one) and returns its name.
 */
export async function claimRunDirectory(missionDirectory: string): Promise<string> {
  return (await claimRun(missionDirectory)).name;
}

/** The run folder claimed, and whether the mission folder is new (then it holds nothing else). */
async function claimRun(missionDirectory: string): Promise<{ name: string; fresh: boolean }> {
  const fresh = (await mkdirPath(missionDirectory, true)) !== undefined;
  // Past the runs already there (one listing, not one failed mkdir per earlier run).
  const first = fresh ? 1 : Math.max(0, ...(await runNumbers(missionDirectory))) + 1;
  for (let run = first; ; run += 1) {
    const name = `run-${String(run).padStart(RUN_DIGITS, '0')}`;
    try {
      await mkdirPath(join(missionDirectory, name));
      return { name, fresh };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
}

async function runNumbers(missionDirectory: string): Promise<number[]> {
  const names = await readdir(missionDirectory).catch(() => [] as string[]);
  return names.filter((name) => /^run-\d+$/.test(name)).map((name) => Number(name.slice(4)));
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
export async function writeRunDigest(
  digest: Digest,
  options: WriteDigestOptions & {
    /** Files written into the run folder with the pair (names, no folders), renamed after it. */
    besideFiles?: ReadonlyArray<readonly [name: string, content: FileContent]> | undefined;
    /** The texts of this very digest, made ahead by {@link prepareDigestText} (else made here). */
    prepared?: PreparedDigestText | undefined;
  },
): Promise<RunDigestPaths> {
  if (!/^[A-Za-z0-9_-]+$/.test(digest.mission_id)) {
    throw new DigestError(
      'DIGEST_PATH_UNSAFE',
      `mission id ${JSON.stringify(digest.mission_id)} is not a safe directory name`,
    );
  }
  const { prepared } = options;
  if (prepared !== undefined && prepared.digest !== digest)
    throw new TypeError('the prepared digest text is not of the digest being written');
  const besideFiles = options.besideFiles ?? [];
  for (const [name] of besideFiles)
    if (!/^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(name) || name.startsWith('digest.'))
      throw new DigestError(
        'DIGEST_PATH_UNSAFE',
        `${JSON.stringify(name)} is not a file name beside a digest`,
      );
  const missionDirectory = join(options.cwd, options.dir ?? DEFAULT_DIGEST_DIR, digest.mission_id);
  // The folder is claimed while the JSON is made (its I/O under that CPU).
  const claiming = claimRun(missionDirectory);
  claiming.catch(() => undefined);
  const json = prepared?.json ?? digestJsonText(digest);
  // Rendered while the JSON is being flushed; kept for the copy when links fail.
  let markdown: string | undefined = prepared?.markdown;
  const renderMarkdown = () => {
    markdown ??= renderDigestMarkdown(digest);
    return markdown;
  };
  const { name: run, fresh } = await claiming;
  // Temp files of an earlier run of this mission that was killed while writing (issue 18: orphans
  // are cleaned). A mission folder made just now holds none, nor does the run folder just claimed.
  if (!fresh)
    for (const directory of [missionDirectory, ...(await runDirectories(missionDirectory))])
      if (directory !== join(missionDirectory, run)) await removeOrphanTemps(directory);
  const markdownPath = join(missionDirectory, run, 'digest.md');
  const jsonPath = join(missionDirectory, run, 'digest.json');
  // JSON first, Markdown second, each pair renamed only once both are whole (a reader checks the
  // pair); the files beside it (the review bundle) written and flushed with them, renamed after.
  const beside = besideFiles.map(([name, content]) => [join(missionDirectory, run, name), content] as const);
  // The files are flushed before they are renamed into the run folder; the folder itself is
  // flushed below, at once with the mission folder (decision 0060).
  await writeFilesTogether([[jsonPath, json], [markdownPath, renderMarkdown], ...beside], {
    directoriesExist: true,
    syncDirectories: false,
  });
  const latestMarkdownPath = join(missionDirectory, 'digest.md');
  const latestJsonPath = join(missionDirectory, 'digest.json');
  // The run folder's entries (its files' names) and the mission folder's (the run folder's own
  // name and the latest pair) are flushed together: one folder-fsync wait, not two in a row, and
  // both are durable before this resolves (before the digest's receipt).
  const runFolderSynced = Promise.all([
    syncDirectory(join(missionDirectory, run)),
    // A mission folder made just now: its own name in the digest folder, flushed with them.
    fresh ? syncDirectory(dirname(missionDirectory)) : undefined,
  ]);
  // The latest pair is this run's files, linked: the same bytes, already on disk, not written twice.
  const latestSynced = linkFilesTogether(
    [
      [jsonPath, latestJsonPath],
      [markdownPath, latestMarkdownPath],
    ],
    { syncDirectories: false },
  ).then(
    () => syncDirectory(missionDirectory),
    () =>
      writeFilesTogether(
        [
          [latestJsonPath, json],
          [latestMarkdownPath, renderMarkdown],
        ],
        { directoriesExist: true },
      ),
  );
  await Promise.all([runFolderSynced, latestSynced]);
  return { runId: `${digest.mission_id}/${run}`, markdownPath, jsonPath, latestMarkdownPath };
}
