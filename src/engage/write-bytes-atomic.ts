import { randomBytes } from 'node:crypto';
import { chmod, open, rename, unlink } from 'node:fs/promises';

/**
 * Writes exact bytes to `path` through a flushed temp file in the same folder and a rename, so
 * the file is either old or new, never half-written. The rename replaces a symlink planted at
 * `path` after the envelope check instead of writing through it. `mode` keeps permissions.
 */
export async function writeBytesAtomic(path: string, bytes: Buffer | string, mode?: number): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx', mode ?? 0o644);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (mode !== undefined) await chmod(temporary, mode);
    await rename(temporary, path);
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}
