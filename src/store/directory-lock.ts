import { open, readFile, rm } from 'node:fs/promises';
import { StoreError } from './store-error.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function tryTake(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    await handle.writeFile(`${process.pid}\n`);
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Holds `<path>` (O_EXCL, our pid) so only one process opens the embedded database: PGlite's files
 * are not safe for two processes at once. A lock whose pid is dead is taken over; a live one is
 * waited for up to `waitMs` (a `mission ls` beside a starting mission), then `STORE_BUSY`.
 */
export async function acquireDirectoryLock(path: string, waitMs = 5_000): Promise<() => Promise<void>> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (await tryTake(path)) return () => rm(path, { force: true });
    const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
      await rm(path, { force: true });
      continue;
    }
    if (pid === process.pid || Date.now() > deadline) {
      throw new StoreError(
        'STORE_BUSY',
        `the embedded database is in use by process ${pid} (${path}); wait for it to finish, or set DATABASE_URL to use PostgreSQL`,
      );
    }
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 100));
  }
}
