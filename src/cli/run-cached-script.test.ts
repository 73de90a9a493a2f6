import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentRuntime } from './code-cache.js';
import type { CodeCacheOptions } from './run-cached-script.js';
import { runCachedScript } from './run-cached-script.js';

let dir: string;
let cache: string;
let options: CodeCacheOptions;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'swarmlord-cached-script-'));
  cache = join(dir, 'cache');
  options = { dir: cache, label: 'run', runtime: currentRuntime({}) };
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The program at a path of its own: V8 also remembers compiled scripts within a process by source
 * and name, so each run here gets another name (a new process would start with nothing).
 */
let runs = 0;
const hostImport = (specifier: string) => import(specifier);
function at(text: string): string {
  runs += 1;
  const path = join(dir, `program-${runs}.js`);
  writeFileSync(path, text);
  return path;
}

/** A CommonJS program: strict, with require, __filename and a dynamic import beside it. */
function program(value: string): string {
  return [
    '"use strict";',
    `const answer = () => ${value};`,
    'exports.answer = answer;',
    'exports.where = () => [__filename, __dirname, typeof module, require("node:path").sep];',
    'exports.strict = function () { return this === undefined; };',
    'exports.load = (url) => __swarmlordImport(url);',
    'exports.builtin = () => __swarmlordImport("node:os");',
  ].join('\n');
}

describe('a CommonJS file run through the code cache', () => {
  it('compiles from source first, then from the cache, with the same results', async () => {
    writeFileSync(join(dir, 'helper.mjs'), 'export const helper = "from beside";');
    const first = runCachedScript(at(program('41 + 1')), options, hostImport);
    expect(first.state).toBe('missing');
    expect((first.exports.answer as () => number)()).toBe(42);
    expect(first.save()).toBe(true);
    expect(readdirSync(cache)).toHaveLength(1);
    const path = at(program('41 + 1'));
    const second = runCachedScript(path, options, hostImport);
    expect(second.state).toBe('used');
    expect(second.save()).toBe(false);
    expect((second.exports.answer as () => number)()).toBe(42);
    expect((second.exports.where as () => unknown[])()).toEqual([path, dir, 'object', '/']);
    const strict = second.exports.strict as () => boolean;
    expect(strict()).toBe(true);
    const load = second.exports.load as (url: string) => Promise<{ helper: string }>;
    expect(await load(pathToFileURL(join(dir, 'helper.mjs')).href)).toMatchObject({ helper: 'from beside' });
    expect(typeof (await (second.exports.builtin as () => Promise<{ cpus: unknown }>)()).cpus).toBe(
      'function',
    );
  });

  it('never runs cached code for another source of the same length', () => {
    runCachedScript(at(program('41 + 1')), options, hostImport).save();
    const edited = runCachedScript(at(program('40 + 3')), options, hostImport);
    expect(edited.state).toBe('missing');
    expect((edited.exports.answer as () => number)()).toBe(43);
  });

  it('recompiles when V8 rejects the data, and writes it again', () => {
    runCachedScript(at(program('41 + 1')), options, hostImport).save();
    const [entry] = readdirSync(cache);
    writeFileSync(join(cache, entry as string), Buffer.alloc(4096, 7), { mode: 0o600 });
    const damaged = runCachedScript(at(program('41 + 1')), options, hostImport);
    expect(damaged.state).toBe('rejected');
    expect((damaged.exports.answer as () => number)()).toBe(42);
    expect(damaged.save()).toBe(true);
    expect(runCachedScript(at(program('41 + 1')), options, hostImport).state).toBe('used');
  });

  it('runs without a cache folder, writing nothing', () => {
    const loaded = runCachedScript(at(program('7')), { ...options, dir: undefined }, hostImport);
    expect(loaded.state).toBe('off');
    expect((loaded.exports.answer as () => number)()).toBe(7);
    expect(loaded.save()).toBe(false);
    expect(readdirSync(dir)).toEqual([`program-${runs}.js`]);
  });
});
