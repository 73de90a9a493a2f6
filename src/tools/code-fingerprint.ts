import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Written by the CLI bundle's build beside its chunks: which compiled modules each chunk holds. */
const BUNDLE_MANIFEST = 'bundle-modules.json';
/** The folders whose code builds the workspace index: a change in them must miss the cache. */
const INDEX_CODE = /^dist\/(tools|analysis)\//;

let fingerprint: Promise<string> | undefined;

/**
 * The sha256 of the code that builds the workspace index (this folder's modules and the
 * analysis's) and of the parser's version, once per process: part of the index cache key, so a
 * changed analyser, or another parser under the same code, misses.
 */
export function codeFingerprint(): Promise<string> {
  fingerprint ??= codeFingerprintOf(dirname(fileURLToPath(import.meta.url))).then(async (code) =>
    createHash('sha256')
      .update(`${code}\n${await parserVersion()}`)
      .digest('hex'),
  );
  return fingerprint;
}

/**
 * The installed oxc parser's `name@version` (its native binding ships with the same version): its
 * `package.json` is looked for in the `node_modules` folders above this module, nearest first, as
 * Node resolves a package (a few reads, not the ~3 ms of a `require.resolve` on every mission);
 * anywhere else Node would find it (`NODE_PATH`), `require.resolve` says where.
 */
async function parserVersion(): Promise<string> {
  const read = async (path: string) => {
    const { name, version } = JSON.parse(await readFile(path, 'utf8')) as { name: string; version: string };
    return `${name}@${version}`;
  };
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const found = await read(join(dir, 'node_modules', 'oxc-parser', 'package.json')).catch(() => undefined);
    if (found !== undefined) return found;
    if (dirname(dir) === dir) break;
  }
  try {
    return await read(createRequire(import.meta.url).resolve('oxc-parser/package.json'));
  } catch {
    return 'oxc-parser@unknown';
  }
}

/**
 * The fingerprint for code that runs from `here`. Compiled module by module (`dist/tools/`), it is
 * every `.js`/`.ts` file of `here` and of `../analysis`. In the CLI bundle (`dist/cli/`, decision
 * 0032), `here` holds every chunk of the program; the build's manifest says which chunks hold the
 * index's and the analysis's modules, and the fingerprint is the manifest and those chunks' bytes
 * (2 of ~55 files, instead of 2 MB read and hashed by every mission). A manifest that cannot be
 * read, names no such chunk or a chunk that is missing falls back to hashing everything as before.
 */
export async function codeFingerprintOf(here: string): Promise<string> {
  return (await bundleFingerprint(here)) ?? (await folderFingerprint(here));
}

async function bundleFingerprint(here: string): Promise<string | undefined> {
  try {
    const manifest = await readFile(join(here, BUNDLE_MANIFEST), 'utf8');
    const modules = JSON.parse(manifest) as Record<string, unknown>;
    const chunks = Object.entries(modules)
      .filter(
        ([name, held]) =>
          /^[\w.-]+\.js$/.test(name) &&
          Array.isArray(held) &&
          held.some((module) => typeof module === 'string' && INDEX_CODE.test(module)),
      )
      .map(([name]) => name)
      .sort();
    if (chunks.length === 0) return undefined;
    const hash = createHash('sha256').update(`bundle\n${manifest}\n`);
    for (const name of chunks) hash.update(`${name}\n`).update(await readFile(join(here, name)));
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}

async function folderFingerprint(here: string): Promise<string> {
  const hash = createHash('sha256');
  for (const folder of [here, join(here, '..', 'analysis')]) {
    const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => /\.[jt]s$/.test(name));
    for (const name of names.sort()) {
      const text = await readFile(join(folder, name)).catch(() => undefined);
      if (text !== undefined) hash.update(`${name}\n`).update(text);
    }
  }
  return hash.digest('hex');
}
