import { randomBytes } from 'node:crypto';
import { mkdir, open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Suffix of the temporary files `writeFileDurably` renames into place. */
export const TEMPORARY_SUFFIX = '.tmp';

async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes a file so that a crash at any instant leaves either the old file or the whole new one:
 * a temporary file beside it, fsynced, renamed over it, then the directory fsynced so the rename
 * itself survives a power cut. A crash can leave only a `.tmp` file, which readers ignore.
 */
export async function writeFileDurably(path: string, content: string): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true });
  const temporary = join(
    directory,
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMPORARY_SUFFIX}`,
  );
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  await syncDirectory(directory);
}
