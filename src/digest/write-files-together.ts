import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
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

/** A temp name beside `path` (`<name>.<pid>.<hex>.tmp`, what `removeOrphanTemps` recognises). */
function tempBeside(path: string): string {
  return `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
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
export async function writeFilesTogether(
  files: ReadonlyArray<readonly [path: string, content: string]>,
  options: { directoriesExist?: boolean } = {},
) {
  const temps = files.map(([path]) => tempBeside(path));
  /** Temps still on disk: a renamed one is the file now and must not be unlinked (nor tried). */
  const pending = new Set<string>();
  try {
    for (const [index, [path, content]] of files.entries()) {
      // Once per directory; in order, so a later file's mtime is never before an earlier one's (the pair check).
      if (
        options.directoriesExist !== true &&
        (index === 0 || dirname(path) !== dirname(files[index - 1]?.[0] ?? ''))
      ) {
        await mkdir(dirname(path), { recursive: true }).catch((error: unknown) => {
          throw writeFailed(path, error);
        });
      }
      const temporary = temps[index] as string;
      const handle = await open(temporary, 'wx').catch((error: unknown) => {
        throw writeFailed(path, error);
      });
      pending.add(temporary);
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
      const temporary = temps[index] as string;
      await rename(temporary, path).catch((error: unknown) => {
        throw writeFailed(path, error);
      });
      pending.delete(temporary);
    }
    for (const directory of new Set(files.map(([path]) => dirname(path)))) await syncDirectory(directory);
  } finally {
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
): Promise<void> {
  const pending = new Set<string>();
  try {
    const temps: string[] = [];
    for (const [source, target] of files) {
      const temporary = tempBeside(target);
      await link(source, temporary);
      pending.add(temporary);
      temps.push(temporary);
    }
    for (const [index, [, target]] of files.entries()) {
      const temporary = temps[index] as string;
      await rename(temporary, target);
      pending.delete(temporary);
    }
    for (const directory of new Set(files.map(([, target]) => dirname(target))))
      await syncDirectory(directory);
  } finally {
    for (const temporary of pending) await unlink(temporary).catch(() => undefined);
  }
}
