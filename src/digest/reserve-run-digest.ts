import { readdir, rmdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Digest } from '../contracts/digest.js';
import { DigestError } from './digest-error.js';
import { closeFd, mkdirPath, openFd, renamePath, syncFd, writeTextFd } from './digest-fs-calls.js';
import { renderDigestMarkdown } from './render-digest-markdown.js';
import { DEFAULT_DIGEST_DIR } from './write-digest.js';
import {
  type FileContent,
  linkFilesTogether,
  removeOrphanTemps,
  settleAll,
  syncDirectory,
  tempBeside,
  writeFailed,
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

/** A digest's two texts, made ahead (under a wait) by `prepareDigestText`. */
export interface PreparedDigestText {
  readonly digest: Digest;
  readonly json: string;
  readonly markdown: string;
}

const RUN_DIGITS = 3;

/** The digest's JSON file text. */
export function digestJsonText(digest: Digest): string {
  return `${JSON.stringify(digest, null, 2)}\n`;
}

/** The run folder claimed, and whether the mission folder is new (then it holds nothing else). */
export async function claimRun(missionDirectory: string): Promise<{ name: string; fresh: boolean }> {
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

/** The mission id as a folder name, refused when it could escape the digest folder. */
export function checkMissionId(missionId: string): void {
  if (!/^[A-Za-z0-9_-]+$/.test(missionId))
    throw new DigestError(
      'DIGEST_PATH_UNSAFE',
      `mission id ${JSON.stringify(missionId)} is not a safe directory name`,
    );
}

/** A name of a file beside the pair in the run folder (no folders, never `digest.*`), refused otherwise. */
export function checkBesideName(name: string): void {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(name) || name.startsWith('digest.'))
    throw new DigestError('DIGEST_PATH_UNSAFE', `${JSON.stringify(name)} is not a file name beside a digest`);
}

/**
 * A run folder claimed and its files' temps created ahead of the digest (decision 0072): only
 * temps (`<name>.<pid>.<hex>.tmp`, which no reader takes for a digest and the next write of the
 * mission sweeps once this process is gone) exist until {@link publish}; the digest files appear
 * only when it renames them into place.
 */
export interface RunDigestReservation {
  readonly runId: string;
  readonly markdownPath: string;
  readonly jsonPath: string;
  /**
   * Writes the texts into the temps, in order (JSON, Markdown, the files beside), each flushed as
   * soon as it is written; resolves once all are durable. Nothing is renamed: no digest file exists
   * yet. `besideFiles` are the names reserved, in order.
   */
  stage(
    digest: Digest,
    options: {
      prepared?: PreparedDigestText | undefined;
      besideFiles?: ReadonlyArray<readonly [name: string, content: FileContent]> | undefined;
    },
  ): Promise<void>;
  /**
   * After a whole {@link stage}: the temps renamed into the run folder (JSON first), the latest
   * pair linked to them, and the folders flushed; resolves once every entry is durable.
   */
  publish(): Promise<RunDigestPaths>;
  /** Unless published: the temps removed, and the run folder (and a mission folder made for it) if left empty. */
  discard(): Promise<void>;
}

/**
 * Claims the next run folder `<dir>/<mission_id>/run-NNN` (exclusively), sweeps orphan temps of
 * earlier runs of the mission, and creates the temps of `digest.json`, `digest.md` and the files
 * `besideNames` names. The folder-entry and file creations (the slow metadata calls of a write)
 * are done here, ahead of the digest's texts.
 *
 * @throws {DigestError} `DIGEST_PATH_UNSAFE` for an unsafe mission id or file name; `DIGEST_WRITE_FAILED`.
 */
export async function reserveRunDigest(
  missionId: string,
  options: { cwd: string; dir?: string | undefined; besideNames?: readonly string[] | undefined },
): Promise<RunDigestReservation> {
  checkMissionId(missionId);
  const besideNames = options.besideNames ?? [];
  for (const name of besideNames) checkBesideName(name);
  const missionDirectory = join(options.cwd, options.dir ?? DEFAULT_DIGEST_DIR, missionId);
  const { name: run, fresh } = await claimRun(missionDirectory);
  const runDirectory = join(missionDirectory, run);
  const paths = [join(runDirectory, 'digest.json'), join(runDirectory, 'digest.md')];
  for (const name of besideNames) paths.push(join(runDirectory, name));
  const temps = paths.map(tempBeside);
  /** Temps on disk not yet renamed, and descriptors not yet closed. */
  const pending = new Set<string>();
  const handles = new Map<string, number>();
  let published = false;
  /** The texts staged (kept for the latest pair's copy where links fail). */
  let staged: { json: string; markdown: string } | undefined;
  const discard = async (): Promise<void> => {
    if (published) return;
    await Promise.all([...handles.values()].map((handle) => closeFd(handle).catch(() => undefined)));
    handles.clear();
    for (const temporary of pending) await unlink(temporary).catch(() => undefined);
    pending.clear();
    // Only empty folders go (rmdir refuses others): nothing another writer put there is lost.
    await rmdir(runDirectory).catch(() => undefined);
    if (fresh) await rmdir(missionDirectory).catch(() => undefined);
  };
  // The name of a mission folder made just now, in the digest folder: flushed while the digest is
  // made (an empty folder's name; the digest's receipt still waits for it, see `publish`).
  let parentSynced: Promise<void> | undefined;
  try {
    // Temps of an earlier run of this mission that was killed while writing (issue 18: orphans are
    // cleaned). A mission folder made just now holds none, nor does the run folder just claimed.
    if (!fresh)
      for (const directory of [missionDirectory, ...(await runDirectories(missionDirectory))])
        if (directory !== runDirectory) await removeOrphanTemps(directory);
    // Every temp created at once; all settle before going on, so a failure leaves none behind.
    await settleAll(
      temps.map(async (temporary, index) => {
        const handle = await openFd(temporary, 'wx').catch((error: unknown) => {
          throw writeFailed(paths[index] as string, error);
        });
        pending.add(temporary);
        handles.set(temporary, handle);
      }),
    );
    if (fresh) {
      parentSynced = syncDirectory(dirname(missionDirectory));
      parentSynced.catch(() => undefined);
    }
  } catch (error) {
    await discard();
    throw error;
  }
  const [jsonPath, markdownPath] = paths as [string, string];
  return {
    runId: `${missionId}/${run}`,
    markdownPath,
    jsonPath,
    async stage(digest, stageOptions) {
      if (published || staged !== undefined || handles.size !== temps.length)
        throw new TypeError('a reserved digest is staged once, before it is published');
      const { prepared } = stageOptions;
      if (prepared !== undefined && prepared.digest !== digest)
        throw new TypeError('the prepared digest text is not of the digest being written');
      const beside = stageOptions.besideFiles ?? [];
      if (beside.length !== besideNames.length || beside.some(([name], index) => name !== besideNames[index]))
        throw new TypeError('the files beside the digest are not the ones reserved');
      const json = prepared?.json ?? digestJsonText(digest);
      let markdown = prepared?.markdown;
      // Rendered while the JSON is being flushed.
      const renderMarkdown = () => {
        markdown ??= renderDigestMarkdown(digest);
        return markdown;
      };
      const contents: FileContent[] = [json, renderMarkdown];
      for (const [, content] of beside) contents.push(content);
      // Written in order (mtimes in order: the pair check), each flushed as soon as it is written,
      // so a later file's text is made while the earlier ones' flushes are under way.
      const syncs: Promise<void>[] = [];
      try {
        for (const [index, temporary] of temps.entries()) {
          const handle = handles.get(temporary) as number;
          const content = contents[index] as FileContent;
          const text = typeof content === 'function' ? content() : content;
          await writeTextFd(handle, text).catch((error: unknown) => {
            throw writeFailed(paths[index] as string, error);
          });
          syncs.push(
            syncFd(handle).catch((error: unknown) => {
              throw writeFailed(paths[index] as string, error);
            }),
          );
        }
      } finally {
        // No flush is left running past a failure.
        await Promise.allSettled(syncs);
      }
      await settleAll(syncs);
      staged = { json, markdown: renderMarkdown() };
    },
    async publish() {
      const texts = staged;
      if (texts === undefined || published) throw new TypeError('only a staged digest is published, once');
      await Promise.all([...handles.values()].map((handle) => closeFd(handle).catch(() => undefined)));
      handles.clear();
      for (const [index, temporary] of temps.entries()) {
        const path = paths[index] as string;
        await renamePath(temporary, path).catch((error: unknown) => {
          throw writeFailed(path, error);
        });
        pending.delete(temporary);
      }
      published = true;
      const latestMarkdownPath = join(missionDirectory, 'digest.md');
      const latestJsonPath = join(missionDirectory, 'digest.json');
      // The run folder's entries and the mission folder's (the run folder's name and the latest
      // pair) are flushed together (decision 0060), with the new mission folder's name; all are
      // durable before this resolves (before the digest's receipt).
      const runFolderSynced = Promise.all([syncDirectory(runDirectory), parentSynced]);
      // The latest pair is this run's files, linked: the same bytes, already on disk.
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
              [latestJsonPath, texts.json],
              [latestMarkdownPath, texts.markdown],
            ],
            { directoriesExist: true },
          ),
      );
      await Promise.all([runFolderSynced, latestSynced]);
      return { runId: `${missionId}/${run}`, markdownPath, jsonPath, latestMarkdownPath };
    },
    discard,
  };
}
