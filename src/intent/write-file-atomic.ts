import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Temp files end so; the writer's pid is the part before the random tag: `<name>.<pid>.<hex>.tmp`. */
const TEMP_NAME = /\.(\d+)\.[0-9a-f]+\.tmp$/;

/** What happened to the target: written, already held the same bytes, or holds something else. */
export type AtomicWriteOutcome = 'written' | 'unchanged' | 'conflict';

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The system error with the target file in its message (`could not write <path>: ENOSPC: no space
 * left on device, write`); `code` and `cause` stay those of the system error.
 */
function namedWriteError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  const named = new Error(`could not write ${path}: ${message}`, { cause: error }) as NodeJS.ErrnoException;
  if (code !== undefined) named.code = code;
  named.path = path;
  return named;
}

/**
 * Writes `content` to `path` so a reader never sees a half-written file: the bytes go to a temp file
 * in the same directory, are flushed, then moved into place. With `overwrite: false` the move is a
 * hard link, which fails atomically if the target exists; an existing file with identical content
 * counts as `unchanged` (so writing the same thing twice is harmless) and a different one as `conflict`
 * (left untouched, so nothing already written is lost).
 */
export async function writeFileAtomic(
  path: string,
  content: string,
  options: { overwrite: boolean },
): Promise<AtomicWriteOutcome> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx').catch((error: unknown) => {
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
  // Once renamed into place the temp name is gone: no unlink that can only fail.
  let moved = false;
  try {
    if (options.overwrite) {
      await rename(temporary, path);
      moved = true;
      return 'written';
    }
    try {
      await link(temporary, path);
      return 'written';
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return (await readIfExists(path)) === content ? 'unchanged' : 'conflict';
      // Some filesystems have no hard links; fall back to check-then-rename (a narrow race, still no torn file).
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
      const existing = await readIfExists(path);
      if (existing !== undefined) return existing === content ? 'unchanged' : 'conflict';
      await rename(temporary, path);
      moved = true;
      return 'written';
    }
  } finally {
    if (!moved) await unlink(temporary).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/**
 * Removes the temp files a killed writer left in `directory` (not recursive): names
 * `<file>.<pid>.<hex>.tmp` whose pid is not a live process. Returns what was removed.
 */
export async function removeOrphanTemps(directory: string): Promise<string[]> {
  const names = await readdir(directory).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (match === null || isAlive(Number(match[1]))) continue;
    const path = join(directory, name);
    if (
      await unlink(path).then(
        () => true,
        () => false,
      )
    )
      removed.push(path);
  }
  return removed;
}
