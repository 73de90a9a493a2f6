import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, SAMPLE_WORKSPACE } from '../test/run-built-cli.js';

const run = promisify(execFile);

// Records every module the process loads: ES modules through a loader hook, CommonJS ones from the
// require cache at exit (a CommonJS package's own requires do not pass the ESM hooks).
const HOOKS = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(process.env.MODULE_LOG, url + '\\n');
  return next(url, context);
}
`;
const PRELOAD = `import Module, { register } from 'node:module';
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
register(new URL('./hooks.mjs', import.meta.url));
process.on('exit', () => {
  const cjs = Object.keys(Module._cache ?? {}).map((path) => pathToFileURL(path).href);
  appendFileSync(process.env.MODULE_LOG, cjs.join('\\n') + '\\n');
});
`;

/** Packages an offline mission must never load (issue 19; the static check is offline-imports.test.ts). */
const HEAVY = [
  'ai',
  '@ai-sdk',
  '@modelcontextprotocol',
  '@opentelemetry',
  '@electric-sql/pglite',
  'pg',
  '@dbos-inc',
  'hono',
  '@hono',
  'mermaid',
  'diff',
  '@clack',
  'zod-to-json-schema',
  'ajv',
];

let dir: string;

async function loadedModules(round: number): Promise<string[]> {
  const log = join(dir, `modules-${round}.log`);
  const coverage = join(dir, `coverage-${round}`);
  await run(
    process.execPath,
    [
      '--import',
      join(dir, 'preload.mjs'),
      BUILT_CLI,
      'run',
      'Map the architecture and risks',
      '--workspace',
      'workspace',
      '--lanes',
      '1',
      '--yes',
      '--json',
    ],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        NO_COLOR: '1',
        MODULE_LOG: log,
        NODE_V8_COVERAGE: coverage,
      },
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const files = (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '');
  if (round === 1) loadedFiles = files.length;
  return [...(await withBundledModules(files)), ...(await evaluatedInProgram(coverage))];
}

/**
 * The modules of the program bundle (decision 0049) the process evaluated. The bundle is one
 * CommonJS script, so no loader hook sees its modules; esbuild wraps each lazily imported module in
 * an init function named by the module's path, and V8's coverage (NODE_V8_COVERAGE) counts the
 * calls of every function. A module whose init ran at least once was loaded.
 */
async function evaluatedInProgram(coverage: string): Promise<string[]> {
  const rootUrl = pathToFileURL(join(dirname(BUILT_CLI), '..', '..')).href;
  const program = join(dirname(BUILT_CLI), 'swarmlord-program.js');
  const evaluated: string[] = [];
  for (const name of await readdir(coverage)) {
    const report = JSON.parse(await readFile(join(coverage, name), 'utf8')) as {
      result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
    };
    for (const script of report.result) {
      if (script.url !== program && script.url !== pathToFileURL(program).href) continue;
      for (const fn of script.functions) {
        if (/\.[cm]?js$/.test(fn.functionName) && (fn.ranges[0]?.count ?? 0) > 0) {
          evaluated.push(`${rootUrl}/${fn.functionName}`);
        }
      }
    }
  }
  if (evaluated.length === 0) throw new Error(`no module of ${program} in the coverage of ${coverage}`);
  return evaluated;
}

/**
 * The built CLI is a bundle (decision 0032): each file of it loaded stands for the tsc modules and
 * bundled packages it holds, as the build recorded them in `bundle-modules.json`.
 */
async function withBundledModules(files: readonly string[]): Promise<string[]> {
  const cliUrl = pathToFileURL(dirname(BUILT_CLI)).href;
  const rootUrl = pathToFileURL(join(dirname(BUILT_CLI), '..', '..')).href;
  const held = JSON.parse(await readFile(join(dirname(BUILT_CLI), 'bundle-modules.json'), 'utf8')) as Record<
    string,
    string[]
  >;
  return files.flatMap((url) => {
    const name = url.startsWith(`${cliUrl}/`) ? url.slice(cliUrl.length + 1) : undefined;
    const inputs = name === undefined ? undefined : held[name];
    return inputs === undefined ? [url] : [url, ...inputs.map((input) => `${rootUrl}/${input}`)];
  });
}

let loadedFiles = 0;

function heavyIn(modules: readonly string[]): string[] {
  return [
    ...new Set(
      modules.flatMap((url) =>
        HEAVY.filter(
          (name) => url.includes(`/node_modules/${name}/`) || url.includes(`/node_modules/${name}.`),
        ),
      ),
    ),
  ];
}

describe('an offline mission in a fresh process', () => {
  let first: string[];
  let second: string[];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'swarmlord-modules-'));
    await cp(SAMPLE_WORKSPACE, join(dir, 'workspace'), { recursive: true });
    await writeFile(join(dir, 'hooks.mjs'), HOOKS);
    await writeFile(join(dir, 'preload.mjs'), PRELOAD);
    first = await loadedModules(1);
    second = await loadedModules(2);
  }, 240_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads none of the model providers, MCP, OpenTelemetry, databases, DBOS, dashboard or diagrams', () => {
    expect(first.some((url) => url.endsWith('/dist/swarm/run-mission.js'))).toBe(true);
    expect(heavyIn(first)).toEqual([]);
    expect(heavyIn(second)).toEqual([]);
  });

  it('loads the bundle: a few dozen files, not hundreds of modules', () => {
    expect(first).toContain(pathToFileURL(BUILT_CLI).href);
    expect(loadedFiles).toBeLessThan(100);
  });

  it('parses the SSOT once: the next mission reads its snapshot and loads no SysML parser', () => {
    const parser = (modules: readonly string[]) => modules.filter((url) => /\/dist\/sysml\/parse-/.test(url));
    expect(parser(first).length).toBeGreaterThan(0);
    expect(parser(second)).toEqual([]);
  });

  it('compiles the program once: the first mission leaves its V8 code cache, private, in the user cache', async () => {
    const cache = join(dir, '.cache', 'swarmlord', 'code');
    const entries = await readdir(cache);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatch(/^run-[0-9a-f]{64}\.v8$/);
    if (typeof process.getuid === 'function') {
      expect((await stat(cache)).mode & 0o777).toBe(0o700);
      expect((await stat(join(cache, entries[0] as string))).mode & 0o777).toBe(0o600);
    }
  });

  it('loads the parser only to build the workspace index: the next mission never loads it', () => {
    const parser = (modules: readonly string[]) =>
      modules.filter((url) => url.includes('/node_modules/oxc-parser/'));
    expect(parser(first).length).toBeGreaterThan(0);
    expect(parser(second)).toEqual([]);
  });
});
