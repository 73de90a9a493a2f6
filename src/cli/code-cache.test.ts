import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeCacheRuntime } from './code-cache.js';
import { codeCacheDir, codeCacheFile, codeCacheKey, readCodeCache, writeCodeCache } from './code-cache.js';

const runtime: CodeCacheRuntime = { node: 'v20.20.2', v8: '11.3', arch: 'x64', platform: 'linux', flags: [] };
const posix = typeof process.getuid === 'function';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'swarmlord-code-cache-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the code cache key', () => {
  it('changes with any byte of the bundle, even at the same length', () => {
    const key = codeCacheKey(Buffer.from('exports.a = 1;'), runtime);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(codeCacheKey(Buffer.from('exports.a = 1;'), runtime)).toBe(key);
    expect(codeCacheKey(Buffer.from('exports.a = 2;'), runtime)).not.toBe(key);
  });

  it('changes with the Node or V8 version, the platform and the flags', () => {
    const source = Buffer.from('exports.a = 1;');
    const key = codeCacheKey(source, runtime);
    for (const other of [
      { ...runtime, node: 'v24.22.3' },
      { ...runtime, v8: '13.6' },
      { ...runtime, arch: 'arm64' },
      { ...runtime, platform: 'darwin' as const },
      { ...runtime, flags: ['--max-old-space-size=100'] },
    ]) {
      expect(codeCacheKey(source, other)).not.toBe(key);
    }
  });
});

describe('where the code cache lives', () => {
  it('in SWARMLORD_CODE_CACHE when set, nowhere when it is 0 or off', () => {
    expect(codeCacheDir({ SWARMLORD_CODE_CACHE: '/x/y' }, 'linux', () => '/home/u')).toBe('/x/y');
    expect(codeCacheDir({ SWARMLORD_CODE_CACHE: 'off' }, 'linux', () => '/home/u')).toBeUndefined();
    expect(codeCacheDir({ SWARMLORD_CODE_CACHE: '0' }, 'linux', () => '/home/u')).toBeUndefined();
  });

  it('else in the user cache directory', () => {
    expect(codeCacheDir({ XDG_CACHE_HOME: '/c' }, 'linux', () => '/home/u')).toBe(
      join('/c', 'swarmlord', 'code'),
    );
    expect(codeCacheDir({}, 'linux', () => '/home/u')).toBe(join('/home/u', '.cache', 'swarmlord', 'code'));
    expect(codeCacheDir({ LOCALAPPDATA: 'C:\\L' }, 'win32', () => 'C:\\U')).toBe(
      join('C:\\L', 'swarmlord', 'code'),
    );
    expect(codeCacheDir({}, 'linux', () => '')).toBeUndefined();
    expect(
      codeCacheDir({}, 'linux', () => {
        throw new Error('no home');
      }),
    ).toBeUndefined();
  });
});

describe('reading and writing an entry', () => {
  const key = 'a'.repeat(64);

  it('writes a private file in a private folder, atomically, and reads it back', () => {
    const cache = join(dir, 'new', 'code');
    const file = codeCacheFile(cache, 'run', key);
    expect(readCodeCache(cache, file)).toBeUndefined();
    expect(writeCodeCache(cache, 'run', file, Buffer.from('compiled'))).toBe(true);
    expect(readCodeCache(cache, file)?.toString()).toBe('compiled');
    expect(readdirSync(cache)).toEqual([`run-${key}.v8`]);
    if (posix) {
      expect(statSync(cache).mode & 0o777).toBe(0o700);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
  });

  it('replaces the entries of the same label under other keys, keeps other labels', () => {
    const older = codeCacheFile(dir, 'run', 'b'.repeat(64));
    const other = codeCacheFile(dir, 'audit', 'b'.repeat(64));
    writeCodeCache(dir, 'run', older, Buffer.from('old'));
    writeCodeCache(dir, 'audit', other, Buffer.from('audit'));
    writeFileSync(join(dir, 'notes.txt'), 'not ours');
    writeCodeCache(dir, 'run', codeCacheFile(dir, 'run', key), Buffer.from('new'));
    expect(readdirSync(dir).sort()).toEqual(
      [`audit-${'b'.repeat(64)}.v8`, 'notes.txt', `run-${key}.v8`].sort(),
    );
  });

  it.runIf(posix)('does not trust a file or folder others can write, or a symbolic link', () => {
    const file = codeCacheFile(dir, 'run', key);
    writeCodeCache(dir, 'run', file, Buffer.from('compiled'));
    chmodSync(file, 0o666);
    expect(readCodeCache(dir, file)).toBeUndefined();
    chmodSync(file, 0o600);
    chmodSync(dir, 0o777);
    expect(readCodeCache(dir, file)).toBeUndefined();
    expect(writeCodeCache(dir, 'run', file, Buffer.from('again'))).toBe(false);
    chmodSync(dir, 0o700);
    const elsewhere = join(dir, 'elsewhere.bin');
    writeFileSync(elsewhere, 'planted', { mode: 0o600 });
    const linked = codeCacheFile(dir, 'mission', key);
    symlinkSync(elsewhere, linked);
    expect(readCodeCache(dir, linked)).toBeUndefined();
  });

  it('fails quietly: a folder that cannot be made, an empty entry', () => {
    const blocker = join(dir, 'file');
    writeFileSync(blocker, 'x');
    const cache = join(blocker, 'code');
    expect(writeCodeCache(cache, 'run', codeCacheFile(cache, 'run', key), Buffer.from('x'))).toBe(false);
    mkdirSync(join(dir, 'empty'), { mode: 0o700 });
    const empty = codeCacheFile(join(dir, 'empty'), 'run', key);
    writeFileSync(empty, '', { mode: 0o600 });
    expect(readCodeCache(join(dir, 'empty'), empty)).toBeUndefined();
  });
});
