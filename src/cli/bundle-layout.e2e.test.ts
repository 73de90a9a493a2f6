import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_ENTRY_PATH } from './cli-entry-path.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cliDir = join(root, 'dist', 'cli');
/** Every TypeScript file under `dir` (tests included: they run against the same packages). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

const PROGRAM = 'swarmlord-program.js';
const bundleFiles = ['main.js', 'program-loader.js', PROGRAM, 'audit-chunk-worker.js'];

/**
 * The built CLI as `npm run build` leaves it (decisions 0032, 0049): a small ES-module entry, the
 * code-cache loader, the program as one CommonJS bundle, and the audit worker.
 */
describe('the bundled CLI', () => {
  it('is the bundle, and its files hold the tsc modules', () => {
    expect(readFileSync(join(cliDir, 'main.js'), 'utf8')).toContain('// swarmlord CLI bundle');
    expect(readdirSync(cliDir).filter((name) => /^chunk-\w+\.js$/.test(name))).toEqual([]);
    const modules = JSON.parse(readFileSync(join(cliDir, 'bundle-modules.json'), 'utf8')) as Record<
      string,
      string[]
    >;
    expect(Object.keys(modules).sort()).toEqual([...bundleFiles].sort());
    const held = Object.values(modules).flat();
    expect(held).toContain('dist/swarm/run-mission.js');
    expect(modules[PROGRAM]).toContain('dist/cli/create-program.js');
    expect(modules['program-loader.js']).toContain('dist/cli/code-cache.js');
  });

  it('keeps `--version` to the entry: it imports only Node built-ins, and the loader when it runs', () => {
    const entry = readFileSync(join(cliDir, 'main.js'), 'utf8');
    const statics = [...entry.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]);
    expect(statics.every((specifier) => specifier?.startsWith('node:'))).toBe(true);
    expect([...entry.matchAll(/\bimport\("([^"]+)"\)/g)].map((match) => match[1])).toEqual([
      './program-loader.js',
    ]);
  });

  it('is a strict CommonJS program whose ES-module imports go through the loader', () => {
    const program = readFileSync(join(cliDir, PROGRAM), 'utf8');
    expect(program.startsWith('"use strict";')).toBe(true);
    // ASCII only: the loader reads it into a one-byte string without decoding UTF-8.
    expect(program.match(/[\u0080-\uffff]/g) ?? []).toEqual([]);
    // `import.meta` is not defined in CommonJS: every use is the bundle's own URL (text may quote it).
    const code = program.split('\n').filter((line) => !/^\s*["'`]/.test(line));
    expect(code.filter((line) => line.includes('import.meta'))).toEqual([]);
    // A script's own import() needs Node's experimental vm hook: none is left (scripts/bundle-cli.mjs).
    expect(program.match(/\bimport\(\s*[^\s)]/g) ?? []).toEqual([]);
    expect(program).toContain('__swarmlordImport("diff")');
  });

  it('resolves every path relative to import.meta.url from where the bundle sits', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const name of bundleFiles) {
      const text = readFileSync(join(cliDir, name), 'utf8');
      for (const match of text.matchAll(/new URL\("([^"]+)",\s*(?:import\.meta\.url|__swarmlordUrl)\)/g)) {
        seen += 1;
        const target = fileURLToPath(new URL(match[1] as string, `file://${join(cliDir, name)}`));
        if (!existsSync(target)) missing.push(`${name}: ${match[1]} → ${target}`);
      }
    }
    expect(missing).toEqual([]);
    // The package.json, the default SSOT, the SysML corpus, dashboard assets, the audit worker, the CLI entry.
    expect(seen).toBeGreaterThanOrEqual(6);
  });

  it('loads the parser only on a first parse, in the library and the bundle alike; zod locales are not read', () => {
    const files = sourceFiles(join(root, 'src'));
    const sources = files.map((path) => readFileSync(path, 'utf8'));
    // No module imports a value of oxc-parser (a static import would load the native module with the
    // analysis): the one `require` of it sits in parse-source, behind the first parse.
    const valueImports = sources.filter((text) => /^import\s+(?!type\b)[^;]*from\s*'oxc-parser'/m.test(text));
    expect(valueImports).toEqual([]);
    const parserRequire = ['createRequire(import.meta.url)(', "'oxc-parser')"].join('');
    const requiring = files.filter((_path, index) => sources[index]?.includes(parserRequire) === true);
    expect(requiring).toEqual([join(root, 'src', 'analysis', 'parse-source.ts')]);
    expect(sources.filter((text) => /\blocales\./.test(text))).toEqual([]);
    const bundle = bundleFiles.map((name) => readFileSync(join(cliDir, name), 'utf8')).join('\n');
    expect(bundle).toMatch(/createRequire\)?\(__swarmlordUrl\)\("oxc-parser"\)/);
    expect(bundle).not.toContain('node_modules/oxc-parser/src-js/index.js');
    expect(bundle).not.toContain('node_modules/zod/v4/locales/de.js');
  });

  it('starts child processes at the built entry from every layout', () => {
    expect(CLI_ENTRY_PATH).toBe(join(cliDir, 'main.js'));
    // The helper sits two folders below the root in the tsc output and the source alike.
    expect(dirname(dirname(dirname(CLI_ENTRY_PATH)))).toBe(root.replace(/\/$/, ''));
  });
});
