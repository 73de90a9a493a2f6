// Bundles the CLI after `tsc` (decision 0032): `dist/cli/main.js` (tsc's entry) is replaced by an
// ES-module bundle of our code and the small always-used packages, with every lazily imported part
// of the program in its own chunk beside it (`dist/cli/chunk-*.js`). A process then loads a handful
// of files instead of ~500. Chunks sit at the same depth as every tsc module (`dist/<folder>/`), so
// `new URL('../../…', import.meta.url)` paths resolve alike from both layouts.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const cliDir = join(root, 'dist', 'cli');
const MARKER = '// swarmlord CLI bundle';

/**
 * Packages bundled in: pure JavaScript, loaded on every run, reading no file of their own. Every
 * other package stays an `import` resolved from node_modules at run time (native or wasm assets,
 * files read beside their code, and the lazy heavy packages the offline-modules test watches for).
 */
const BUNDLED = new Set(['zod', 'yaml', 'commander', 'minisearch', '@babel/types']);

/**
 * Packages our code calls synchronously but a mission rarely needs, each replaced by a stub that
 * `require`s the real package (from node_modules, as an external would be) on its first call. The
 * Babel parser (half a megabyte to compile at every start) runs only when the workspace index is
 * built; a mission over an indexed workspace never loads it. Each entry: the package and the
 * functions our code imports from it (the bundle-layout test holds the list to the source).
 */
const LAZY_PACKAGES = { '@babel/parser': ['parse'] };

function lazyStub(name, functions) {
  const calls = functions.map((fn) => `export function ${fn}(...args) {\n  return load().${fn}(...args);\n}`);
  return [
    "import { createRequire } from 'node:module';",
    'let loaded;',
    // Resolved from the bundle's own folder, as node resolves an external import from there.
    `const load = () => (loaded ??= createRequire(import.meta.url)(${JSON.stringify(name)}));`,
    ...calls,
  ].join('\n');
}

const lazyPackages = {
  name: 'lazy-packages',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      Object.hasOwn(LAZY_PACKAGES, args.path) && args.namespace === 'file'
        ? { path: args.path, namespace: 'lazy-package' }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({
      contents: lazyStub(args.path, LAZY_PACKAGES[args.path]),
      loader: 'js',
      resolveDir: root,
    }));
  },
};

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

const entry = join(cliDir, 'main.js');
const text = await readFile(entry, 'utf8').catch(() => '');
if (text === '' || text.includes(MARKER)) {
  console.error(`${entry}: not tsc output (run \`tsc -p tsconfig.build.json\` first)`);
  process.exit(1);
}
const result = await build({
  entryPoints: {
    main: entry,
    // Started by path as a worker thread (`new URL('./audit-chunk-worker.js', import.meta.url)`).
    'audit-chunk-worker': join(root, 'dist', 'blackboard', 'audit-chunk-worker.js'),
  },
  outdir: cliDir,
  absWorkingDir: root,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  metafile: true,
  logLevel: 'warning',
  plugins: [zodEnglishOnly, lazyPackages, externalPackages],
  // Bundled CommonJS (commander) calls `require` for Node's built-in modules.
  banner: {
    js: `${MARKER}\nimport { createRequire as __swarmlordRequire } from 'node:module';\nconst require = __swarmlordRequire(import.meta.url);`,
  },
});

// Chunks of an earlier build that this one did not write (names are content hashes). Removed after
// the build, not before: a CLI another process is running meanwhile keeps finding its chunks.
const written = new Set(
  Object.keys(result.metafile.outputs).map((output) => output.slice(output.lastIndexOf('/') + 1)),
);
for (const name of await readdir(cliDir)) {
  if (/^chunk-\w+\.js$/.test(name) && !written.has(name)) await rm(join(cliDir, name));
}

// Which of tsc's modules each bundle file holds: tests that watch what a process loads map files back.
const modules = {};
for (const [output, info] of Object.entries(result.metafile.outputs)) {
  if (!output.endsWith('.js')) continue;
  modules[output.slice(output.lastIndexOf('/') + 1)] = Object.keys(info.inputs).sort();
}
await writeFile(join(cliDir, 'bundle-modules.json'), `${JSON.stringify(modules, null, 2)}\n`);
