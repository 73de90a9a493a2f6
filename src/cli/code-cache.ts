import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * V8's compiled code of the CLI bundle, kept on disk between runs (decision 0049). V8 checks cached
 * data only against the source's length, its own version and its flags, so the file name carries
 * the whole key: the sha256 of the bundle's bytes, the Node and V8 versions, the platform and the
 * flags the process runs with. Another bundle, Node or flag set reads another file; nothing is
 * trusted across them. Every failure to read or write is a miss: the cache never fails a command.
 */

/** Bumped when what is stored changes, so files of an earlier layout are never read. */
const FORMAT = 'swarmlord-code-cache-1';

/** What, besides the bundle's bytes, decides whether compiled code can be reused. */
export interface CodeCacheRuntime {
  node: string;
  v8: string;
  arch: string;
  platform: string;
  /** Node's and V8's flags: `process.execArgv` and `NODE_OPTIONS`. */
  flags: readonly string[];
}

export function currentRuntime(env: NodeJS.ProcessEnv = process.env): CodeCacheRuntime {
  return {
    node: process.version,
    v8: process.versions.v8,
    arch: process.arch,
    platform: process.platform,
    flags: [...process.execArgv, `NODE_OPTIONS=${env.NODE_OPTIONS ?? ''}`],
  };
}

/** The cache key: a hex sha256 over the format, the runtime and the bundle's bytes. */
export function codeCacheKey(source: Buffer, runtime: CodeCacheRuntime): string {
  return createHash('sha256')
    .update(
      `${JSON.stringify([FORMAT, runtime.node, runtime.v8, runtime.arch, runtime.platform, runtime.flags])}\n`,
    )
    .update(source)
    .digest('hex');
}

/**
 * Where the cache lives: `SWARMLORD_CODE_CACHE` when set (`0` or `off` turns the cache off), else
 * the user's cache directory (`$XDG_CACHE_HOME`, `%LOCALAPPDATA%` on Windows, `~/.cache`) under
 * `swarmlord/code`. A per-user directory: compiled code is run as the user, so it must never be
 * a place another user can write (checked again on every read, see `readCodeCache`).
 */
export function codeCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: () => string = homedir,
): string | undefined {
  const chosen = env.SWARMLORD_CODE_CACHE;
  if (chosen !== undefined && chosen !== '') return chosen === '0' || chosen === 'off' ? undefined : chosen;
  const base =
    env.XDG_CACHE_HOME ||
    (platform === 'win32' ? env.LOCALAPPDATA : undefined) ||
    (() => {
      try {
        const dir = home();
        return dir === '' ? undefined : join(dir, '.cache');
      } catch {
        return undefined;
      }
    })();
  return base === undefined ? undefined : join(base, 'swarmlord', 'code');
}

/** One cache entry: which program (a label such as the command) under which key. */
export function codeCacheFile(dir: string, label: string, key: string): string {
  return join(dir, `${label}-${key}.v8`);
}

/**
 * True when a file or folder may be trusted to hold code for this user: not a symbolic link,
 * owned by the user and writable by no one else. (Without user ids, on Windows, not checked.)
 */
function ownedPrivately(path: string, kind: 'file' | 'directory'): boolean {
  const stats = lstatSync(path);
  if (kind === 'file' ? !stats.isFile() : !stats.isDirectory()) return false;
  if (typeof process.getuid !== 'function') return true;
  return stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
}

/** The cached data for `file`, or undefined: missing, unreadable, or in a place others could write. */
export function readCodeCache(dir: string, file: string): Buffer | undefined {
  try {
    if (!ownedPrivately(dir, 'directory') || !ownedPrivately(file, 'file')) return undefined;
    const data = readFileSync(file);
    return data.length === 0 ? undefined : data;
  } catch {
    return undefined;
  }
}

/**
 * Writes `data` as `file`: the folder made private (0700) if new, the bytes into a temporary file
 * (0600, created exclusively) renamed over the entry, so a reader sees a whole file or none. Older
 * entries of the same label (another key) are removed. Returns false on any failure, never throws.
 */
export function writeCodeCache(dir: string, label: string, file: string, data: Buffer): boolean {
  const temporary = `${file}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!ownedPrivately(dir, 'directory')) return false;
    writeFileSync(temporary, data, { mode: 0o600, flag: 'wx' });
    renameSync(temporary, file);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written there.
    }
    return false;
  }
  try {
    const keep = basename(file);
    for (const name of readdirSync(dir)) {
      if (
        name !== keep &&
        name.startsWith(`${label}-`) &&
        /^[0-9a-f]{64}\.v8$/.test(name.slice(label.length + 1))
      ) {
        rmSync(join(dir, name), { force: true });
      }
    }
  } catch {
    // An old entry left behind costs disk space only: it is never read under the new key.
  }
  return true;
}
