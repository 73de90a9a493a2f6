import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createSyncTogether } from './sync-together.js';

/** Suffix of the temporary files `writeFileDurably` renames into place. */
export const TEMPORARY_SUFFIX = '.tmp';

export async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Concurrent writes in one folder share its fsync (each still waits for one begun after its rename). */
const syncDirectoryTogether = createSyncTogether(syncDirectory);

/** The system error with the file in its message; `code` (e.g. `ENOSPC`) and `cause` kept. */
export function namedWriteError(path: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const named = new Error(`could not write ${path}: ${message}`, { cause: error }) as NodeJS.ErrnoException;
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined) named.code = code;
  named.path = path;
  return named;
}

/**
 * Writes a file so that a crash at any instant leaves either the old file or the whole new one:
 * a temporary file beside it, fsynced, renamed over it, then the directory fsynced so the rename
 * itself survives a power cut. A crash can leave only a `.tmp` file, which readers ignore. The
 * promise settles only once a directory fsync begun after the rename has ended; concurrent writes
 * in one folder share that fsync (group commit, `createSyncTogether`).
 */
export async function writeFileDurably(path: string, content: string): Promise<void> {
  const directory = dirname(path);
  const temporary = join(
    directory,
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMPORARY_SUFFIX}`,
  );
  // The folder is made only when missing: one system call less per write in the usual case.
  const handle = await open(temporary, 'wx')
    .catch(async (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(directory, { recursive: true });
      return open(temporary, 'wx');
    })
    .catch((error: unknown) => {
      throw namedWriteError(path, error);
    });
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (error) {
    // A full disk leaves no half-written temp behind, and the error names the file and the cause.
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw namedWriteError(path, error);
  }
  await handle.close();
  await rename(temporary, path);
  await syncDirectoryTogether(directory);
}
