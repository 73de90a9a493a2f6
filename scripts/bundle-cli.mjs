// Bundles the CLI after `tsc` (decisions 0032, 0049). The program (`dist/cli/run-program.js` and
// everything it imports, with the small always-used packages) becomes one CommonJS file,
// `dist/cli/swarmlord-program.js`, which the entry compiles through `vm.Script` with V8's cached
// code of an earlier run (Node 20 has no compile cache for ES modules). `dist/cli/main.js` (tsc's
// entry) is replaced by a small ES-module bundle that answers `--version` alone and otherwise loads
// `dist/cli/program-loader.js` (the cache). Every file sits at the depth of every tsc module
// (`dist/<folder>/`), so `new URL('../../…', import.meta.url)` paths resolve alike from both layouts.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const cliDir = join(root, 'dist', 'cli');
const MARKER = '// swarmlord CLI bundle';
/** The program bundle's name (`src/cli/load-bundled-program.ts` reads it as `PROGRAM_BUNDLE`). */
const PROGRAM = 'swarmlord-program.js';
const LOADER = 'program-loader.js';

/**
 * Packages bundled in: pure JavaScript, loaded on every run, reading no file of their own. Every
 * other package stays an `import` resolved from node_modules at run time (native or wasm assets,
 * files read beside their code, and the lazy heavy packages the offline-modules test watches for).
 */
const BUNDLED = new Set(['zod', 'yaml', 'commander']);

/**
 * zod's namespace re-exports all of its ~50 message locales (`z.locales`), which no code of ours
 * reads: the bundle keeps English, the one zod installs by default, and drops the others' half of
 * the zod chunk from every start. (The bundle-layout test fails if our code starts using them.)
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(builder) {
    builder.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), args.path), namespace: 'zod-locales' }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), 'en.js'))};`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const externalPackages = {
  name: 'external-packages',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      return BUNDLED.has(packageName(args.path)) ? undefined : { path: args.path, external: true };
    });
  },
};

/**
 * The program bundle runs as a script (`vm.Script`, decision 0049), where `import()` would need
 * Node's vm loader hook (experimental, and on Node 20 lost when the script comes from cached data).
 * Each `import("<package>")` that esbuild left for an external package becomes
 * `__swarmlordImport("<package>")`, which the loader runs from its own ES module beside the bundle,
 * so the package resolves from the same folder. The build fails if the rewritten calls are not
 * exactly the external dynamic imports esbuild reports, or if any other `import(` call is left.
 */
function hostImports(result) {
  const [[output, info]] = Object.entries(result.metafile.outputs).filter(([name]) => name.endsWith('.js'));
  const expected = info.imports
    .filter((entry) => entry.kind === 'dynamic-import' && entry.external)
    .map((entry) => entry.path)
    .sort();
  const file = join(root, output);
  const replaced = [];
  const text = readFileSync(file, 'utf8').replace(/\bimport\(("(?:[^"\\\n]|\\.)*")\)/g, (_call, literal) => {
    replaced.push(JSON.parse(literal));
    return `__swarmlordImport(${literal})`;
  });
  const left = text.match(/\bimport\(\s*[^\s)]/g) ?? [];
  if (JSON.stringify(replaced.sort()) !== JSON.stringify(expected) || left.length > 0) {
    console.error(
      `${output}: dynamic imports not rewritten as expected: ${JSON.stringify({ expected, replaced, left })}`,
    );
    process.exit(1);
  }
  // esbuild escapes non-ASCII text except in regular expression literals; `\uXXXX` there matches the
  // same code unit (with or without the `u` flag), and an ASCII file is read into a one-byte string
  // without decoding. (Comments are gone: `minifyWhitespace`.)
  writeFileSync(
    file,
    text.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}

/**
 * A static `import` of an external package became `require` in the program bundle. Each such
 * package must have a CommonJS entry (a `require` export, or a main file Node loads as CommonJS):
 * an ES-module-only package would fail to load on Node 20 before 20.19. The build fails naming it.
 */
function requiredPackagesAreCommonJs(result) {
  const [[, info]] = Object.entries(result.metafile.outputs).filter(([name]) => name.endsWith('.js'));
  const required = new Set(
    info.imports
      .filter((entry) => entry.external && entry.kind !== 'dynamic-import' && !entry.path.startsWith('node:'))
      .map((entry) => entry.path),
  );
  const resolveFrom = createRequire(join(cliDir, PROGRAM));
  const notCommonJs = [...required].filter((specifier) => {
    if (builtinModules.includes(specifier)) return false;
    try {
      const file = resolveFrom.resolve(specifier);
      if (file.endsWith('.cjs')) return false;
      if (file.endsWith('.mjs')) return true;
      for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
        const manifest = join(dir, 'package.json');
        if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')).type === 'module';
      }
      return false;
    } catch {
      return true;
    }
  });
  if (notCommonJs.length > 0) {
    console.error(
      `${PROGRAM}: packages imported statically without a CommonJS entry: ${notCommonJs.join(', ')}`,
    );
    process.exit(1);
  }
}

/** In the bundled entry, `./load-program.js` (tsc's layout) is the code-cache loader beside it. */
const bundledLoader = {
  name: 'bundled-loader',
  setup(builder) {
    builder.onResolve({ filter: /^\.\/load-program\.js$/ }, (args) =>
      args.importer === join(cliDir, 'main.js') ? { path: `./${LOADER}`, external: true } : undefined,
    );
  },
};

const entry = join(cliDir, 'main.js');
const text = await readFile(entry, 'utf8').catch(() => '');
if (text === '' || text.includes(MARKER)) {
  console.error(`${entry}: not tsc output (run \`tsc -p tsconfig.build.json\` first)`);
  process.exit(1);
}
const common = {
  absWorkingDir: root,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  metafile: true,
  logLevel: 'warning',
};
const program = await build({
  ...common,
  entryPoints: [join(cliDir, 'run-program.js')],
  outfile: join(cliDir, PROGRAM),
  format: 'cjs',
  // No comments or indentation: 1.56 MB instead of 2.16 MB to read, hash and compile lazily
  // (-5 % of a warm 1-lane run's instructions). Names are kept, so stack traces still name functions.
  minifyWhitespace: true,
  plugins: [zodEnglishOnly, externalPackages],
  // Every module's `import.meta.url` is the bundle's own URL: it sits where the chunks did.
  define: { 'import.meta.url': '__swarmlordUrl' },
  banner: {
    // The modules were ES modules, which are strict: so is the bundle.
    js: `"use strict";\n${MARKER} (program)\nvar __swarmlordUrl = require("node:url").pathToFileURL(__filename).href;`,
  },
});
hostImports(program);
requiredPackagesAreCommonJs(program);
const entries = await build({
  ...common,
  entryPoints: {
    main: entry,
    'program-loader': join(cliDir, 'load-bundled-program.js'),
    // Started by path as a worker thread (`new URL('./audit-chunk-worker.js', import.meta.url)`).
    'audit-chunk-worker': join(root, 'dist', 'blackboard', 'audit-chunk-worker.js'),
  },
  outdir: cliDir,
  format: 'esm',
  plugins: [bundledLoader, zodEnglishOnly, externalPackages],
  // The loader's `import(specifier)` runs the program bundle's imports (see `hostImports`).
  logOverride: { 'unsupported-dynamic-import': 'silent' },
  // Bundled CommonJS calls `require` for Node's built-in modules.
  banner: {
    js: `${MARKER}\nimport { createRequire as __swarmlordRequire } from 'node:module';\nconst require = __swarmlordRequire(import.meta.url);`,
  },
});

// Chunks of an earlier build (decision 0032's layout): the program is one file now. Removed after
// the build, not before: a CLI another process is running meanwhile keeps finding its chunks.
for (const name of await readdir(cliDir)) {
  if (/^chunk-\w+\.js$/.test(name)) await rm(join(cliDir, name));
}

// Which of tsc's modules each bundle file holds: tests that watch what a process loads map files back.
const modules = {};
for (const result of [program, entries]) {
  for (const [output, info] of Object.entries(result.metafile.outputs)) {
    if (!output.endsWith('.js')) continue;
    modules[output.slice(output.lastIndexOf('/') + 1)] = Object.keys(info.inputs).sort();
  }
}
await writeFile(join(cliDir, 'bundle-modules.json'), `${JSON.stringify(modules, null, 2)}\n`);
