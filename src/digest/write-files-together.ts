import { randomBytes } from 'node:crypto';
import { mkdir, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export { removeOrphanTemps } from '../intent/write-file-atomic.js';

import { DigestError } from './digest-error.js';
import { closeFd, linkPath, openFd, renamePath, syncFd, writeTextFd } from './digest-fs-calls.js';

function describeCause(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.startsWith(code) ? `${code}: ${message}` : message;
}

/** A failed write names the file and the cause; the system code (e.g. `ENOSPC`) stays on `cause`. */
export function writeFailed(path: string, error: unknown): DigestError {
  return new DigestError('DIGEST_WRITE_FAILED', `could not write ${path}: ${describeCause(error)}`, {
    cause: error,
  });
}

/** A temp name beside `path` (`<name>.<pid>.<hex>.tmp`, what `removeOrphanTemps` recognises). */
export function tempBeside(path: string): string {
  return `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/** fsyncs a folder's entries; a folder that cannot be opened or flushed is passed over (as before). */
export async function syncDirectory(directory: string): Promise<void> {
  const fd = await openFd(directory, 'r').catch(() => undefined);
  if (fd === undefined) return;
  try {
    await syncFd(fd).catch(() => undefined);
  } finally {
    await closeFd(fd);
  }
}

/** A file's text, or how to make it: called once, in order, after the earlier files are written. */
export type FileContent = string | (() => string);

/** Settles every task (none left running), then throws the first failure in their order. */
export async function settleAll<T>(tasks: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(tasks);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<T>).value);
}

/**
 * Writes files that belong together (digest.md and digest.json): every file to a temp beside it,
 * flushed, and only once all temps are whole are they renamed into place, one after the other — so
 * a full disk or a crash while writing leaves the old pair (or none) and no temp; only a crash in
 * the few microseconds between two renames can leave one new file beside an old one, which a reader
 * tells by comparing them ({@link isDigestPairComplete}). A failure names the file and the cause.
 * The temps are written in order (a later file's mtime is never before an earlier one's: the pair
 * check), each flushed as soon as written, and all flushes awaited together before any rename: one
 * fsync wait for them all, not one per file, and one per folder. A lazy content is made after the
 * earlier files are written, under their flushes; if making it throws, nothing is renamed.
 *
 * @throws {DigestError} `DIGEST_WRITE_FAILED`, its `cause` the system error (`ENOSPC`, …).
 */
export async function writeFilesTogether(
  files: ReadonlyArray<readonly [path: string, content: FileContent]>,
  options: {
    directoriesExist?: boolean;
    /** False: the folders are not flushed here; the caller flushes them (with others, at once). */
    syncDirectories?: boolean;
  } = {},
) {
  const temps = files.map(([path]) => tempBeside(path));
  /** Temps still on disk: a renamed one is the file now and must not be unlinked (nor tried). */
  const pending = new Set<string>();
  const handles: number[] = [];
  try {
    if (options.directoriesExist !== true) {
      // Once per directory, in order.
      for (const [index, [path]] of files.entries()) {
        if (index > 0 && dirname(path) === dirname(files[index - 1]?.[0] ?? '')) continue;
        await mkdir(dirname(path), { recursive: true }).catch((error: unknown) => {
          throw writeFailed(path, error);
        });
      }
    }
    // Every temp opened at once; all settle before going on, so none is created after a failure.
    await settleAll(
      files.map(async ([path], index) => {
        const temporary = temps[index] as string;
        const handle = await openFd(temporary, 'wx').catch((error: unknown) => {
          throw writeFailed(path, error);
        });
        pending.add(temporary);
        handles.push(handle);
        return handle;
      }),
    ).then(async (opened) => {
      // Written in order (mtimes in order), each flushed as soon as it is written, so the text of
      // a later file is made while the earlier ones' flushes are under way.
      const syncs: Promise<void>[] = [];
      try {
        for (const [index, [path, content]] of files.entries()) {
          const handle = opened[index] as (typeof opened)[number];
          const text = typeof content === 'function' ? content() : content;
          await writeTextFd(handle, text).catch((error: unknown) => {
            throw writeFailed(path, error);
          });
          syncs.push(
            syncFd(handle).catch((error: unknown) => {
              throw writeFailed(path, error);
            }),
          );
        }
      } finally {
        // No flush is left running past a failure (the handles are closed after).
        await Promise.allSettled(syncs);
      }
      await settleAll(syncs);
    });
    await Promise.all(handles.splice(0).map((handle) => closeFd(handle).catch(() => undefined)));
    for (const [index, [path]] of files.entries()) {
      const temporary = temps[index] as string;
      await renamePath(temporary, path).catch((error: unknown) => {
        throw writeFailed(path, error);
      });
      pending.delete(temporary);
    }
    if (options.syncDirectories !== false)
      await Promise.all([...new Set(files.map(([path]) => dirname(path)))].map(syncDirectory));
  } finally {
    await Promise.all(handles.map((handle) => closeFd(handle).catch(() => undefined)));
    for (const temporary of pending) await unlink(temporary).catch(() => undefined);
  }
}

/**
 * True when `directory` holds digest.md and digest.json of the same write (neither alone, and not a
 * a new digest.json beside an older digest.md: the markdown is written after the JSON). A reader (the dashboard, a
 * script) should show no digest for a directory where this is false.
 */
export async function isDigestPairComplete(directory: string): Promise<boolean> {
  const [markdown, json] = await Promise.all(
    ['digest.md', 'digest.json'].map((name) => stat(join(directory, name)).catch(() => undefined)),
  );
  if (markdown === undefined || json === undefined) return false;
  return markdown.mtimeMs >= json.mtimeMs;
}

/**
 * Puts files already written and flushed (by {@link writeFilesTogether}) at other paths too, as
 * hard links: each is linked to a temp beside its target, and only once every temp exists are they
 * renamed into place, in order, then the directories flushed, so the targets change as a pair just
 * as a written pair does, without writing or flushing the bytes again. Throws when a link cannot be
 * made (a file system without hard links): nothing is renamed then, no temp is left, and the caller
 * writes the files instead.
 */
export async function linkFilesTogether(
  files: ReadonlyArray<readonly [source: string, target: string]>,
  options: { syncDirectories?: boolean } = {},
): Promise<void> {
  const pending = new Set<string>();
  try {
    const temps: string[] = [];
    for (const [source, target] of files) {
      const temporary = tempBeside(target);
      await linkPath(source, temporary);
      pending.add(temporary);
      temps.push(temporary);
    }
    for (const [index, [, target]] of files.entries()) {
      const temporary = temps[index] as string;
      await renamePath(temporary, target);
      pending.delete(temporary);
    }
    if (options.syncDirectories !== false)
      for (const directory of new Set(files.map(([, target]) => dirname(target))))
        await syncDirectory(directory);
  } finally {
    for (const temporary of pending) await unlink(temporary).catch(() => undefined);
  }
}
