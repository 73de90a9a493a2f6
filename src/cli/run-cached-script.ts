import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';
import type { CodeCacheRuntime } from './code-cache.js';
import { codeCacheFile, codeCacheKey, readCodeCache, writeCodeCache } from './code-cache.js';

/** Where compiled code is kept for this run, and under which label (the command). */
export interface CodeCacheOptions {
  /** Undefined: no cache (compiled from source, nothing written). */
  dir: string | undefined;
  label: string;
  runtime: CodeCacheRuntime;
}

/** What happened to the cache in this run (for tests and the bench). */
export type CodeCacheState = 'off' | 'used' | 'missing' | 'rejected';

export interface CachedScript {
  exports: Record<string, unknown>;
  state: CodeCacheState;
  /** Writes the compiled code when it was missing or rejected; false when nothing was written. */
  save(): boolean;
}

/** How the script imports an ES module: `import()` run by a module of the host, never by the script. */
export type HostImport = (specifier: string) => Promise<unknown>;

/**
 * Node's own CommonJS wrapper, plus the host's import. A script's own `import()` would need Node's
 * vm loader hook, which warns as experimental and, on Node 20, is lost when the script comes from
 * cached data; the bundle calls `__swarmlordImport` instead (`scripts/bundle-cli.mjs`).
 */
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname, __swarmlordImport) {';

/**
 * Runs the CommonJS file at `path` (absolute) and returns its exports. Compiled through `vm.Script`
 * with V8's cached data from `options.dir` when an entry exists under the file's key; V8 rejects
 * data that does not fit (then it compiles from source, as without a cache, and `save` rewrites the
 * entry). `hostImport` answers the bundle's `__swarmlordImport(specifier)` calls.
 */
export function runCachedScript(
  path: string,
  options: CodeCacheOptions,
  hostImport: HostImport,
): CachedScript {
  const source = readFileSync(path);
  // A bundle of ASCII (esbuild escapes the rest) becomes a one-byte string without decoding.
  const text = isAscii(source) ? source.toString('latin1') : source.toString('utf8');
  const module = { exports: {} as Record<string, unknown> };
  const dir = options.dir;
  const file =
    dir === undefined ? undefined : codeCacheFile(dir, options.label, codeCacheKey(source, options.runtime));
  const cachedData = dir === undefined || file === undefined ? undefined : readCodeCache(dir, file);
  const script = new vm.Script(`${WRAPPER_START}${text}\n})`, { filename: path, cachedData });
  const state: CodeCacheState =
    file === undefined
      ? 'off'
      : cachedData === undefined
        ? 'missing'
        : script.cachedDataRejected
          ? 'rejected'
          : 'used';
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    filename: string,
    dirname: string,
    hostImport: HostImport,
  ) => void;
  wrapper.call(module.exports, module.exports, createRequire(path), module, path, dirname(path), hostImport);
  return {
    exports: module.exports,
    state,
    save: () =>
      dir !== undefined &&
      file !== undefined &&
      (state === 'missing' || state === 'rejected') &&
      writeCodeCache(dir, options.label, file, script.createCachedData()),
  };
}
