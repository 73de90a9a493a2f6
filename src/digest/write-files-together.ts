import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export { removeOrphanTemps } from '../intent/write-file-atomic.js';

import { DigestError } from './digest-error.js';

function describeCause(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.startsWith(code) ? `${code}: ${message}` : message;
}

/** A failed write names the file and the cause; the system code (e.g. `ENOSPC`) stays on `cause`. */
function writeFailed(path: string, error: unknown): DigestError {
  return new DigestError('DIGEST_WRITE_FAILED', `could not write ${path}: ${describeCause(error)}`, {
    cause: error,
  });
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r').catch(() => undefined);
  if (handle === undefined) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/**
 * Writes files that belong together (digest.md and digest.json): every file to a temp beside it,
 * flushed, and only once all temps are whole are they renamed into place, one after the other — so
 * a full disk or a crash while writing leaves the old pair (or none) and no temp; only a crash in
 * the few microseconds between two renames can leave one new file beside an old one, which a reader
 * tells by comparing them ({@link isDigestPairComplete}). A failure names the file and the cause.
 *
 * @throws {DigestError} `DIGEST_WRITE_FAILED`, its `cause` the system error (`ENOSPC`, …).
 */
export async function writeFilesTogether(files: ReadonlyArray<readonly [path: string, content: string]>) {
  const temps: string[] = [];
  try {
    for (const [path, content] of files) {
      await mkdir(dirname(path), { recursive: true }).catch((error: unknown) => {
        throw writeFailed(path, error);
      });
      const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      temps.push(temporary);
      const handle = await open(temporary, 'wx').catch((error: unknown) => {
        throw writeFailed(path, error);
      });
      try {
        await handle.writeFile(content, 'utf8');
        await handle.sync();
      } catch (error) {
        throw writeFailed(path, error);
      } finally {
        await handle.close().catch(() => undefined);
      }
    }
    for (const [index, [path]] of files.entries()) {
      await rename(temps[index] as string, path).catch((error: unknown) => {
        throw writeFailed(path, error);
      });
    }
    for (const directory of new Set(files.map(([path]) => dirname(path)))) await syncDirectory(directory);
  } finally {
    // Renamed temps are gone already; the rest are removed so a failed write leaves nothing behind.
    for (const temporary of temps) await unlink(temporary).catch(() => undefined);
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
