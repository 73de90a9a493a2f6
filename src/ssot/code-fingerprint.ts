import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';

const CODE_FILE = /\.(js|ts|sysml|kerml)$/;

/** Where the code that decides an SSOT snapshot lives, for the module file running this code. */
export interface CodeSources {
  /** Single files stamped as they are. */
  files: string[];
  /** Folders whose `.js`, `.ts`, `.sysml` and `.kerml` files are stamped, recursively. */
  folders: string[];
}

/**
 * The files that hold the parser, the resolver and this folder's code, and the shipped standard
 * library. Run from its own file (`src/ssot/load-ssot-registry.ts`, `dist/ssot/…js`): this folder and
 * `../sysml`, whose modules are loaded from there. Run from a bundle (the CLI program, decision
 * 0049: one file that holds every ssot and sysml module, the lazily loaded parser included): that
 * file is all the code there is, so it is stamped alone instead of the folders beside it, whose
 * files the bundle never loads.
 */
export function codeSourcesOf(moduleFile: string, standardLibrary: string): CodeSources {
  if (/^load-ssot-registry\.[jt]s$/.test(basename(moduleFile))) {
    const here = dirname(moduleFile);
    return { files: [], folders: [here, resolve(here, '../sysml'), standardLibrary] };
  }
  return { files: [moduleFile], folders: [standardLibrary] };
}

/**
 * The package version and every code source by path, size and mtime: a rebuild, an edit or another
 * version changes it. Sorted walk, so equal trees give equal fingerprints.
 */
export function fingerprintCodeSources(packageJsonPath: string, sources: CodeSources): string {
  const packageJson = readFileSync(packageJsonPath, 'utf8');
  // One text hashed once; paths joined by hand (the folders are absolute and normalized, the
  // names single entries), which is what `join` gives without its normalizing pass per file.
  const lines = [`${(JSON.parse(packageJson) as { version?: string }).version ?? ''}\n`];
  const stamp = (path: string): void => {
    const stats = statSync(path);
    lines.push(`${path}\0${stats.size}\0${stats.mtimeMs}\n`);
  };
  for (const file of sources.files) stamp(file);
  const visit = (folder: string): void => {
    const entries = readdirSync(folder, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    const prefix = folder.endsWith(sep) ? folder : `${folder}${sep}`;
    for (const entry of entries) {
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory()) visit(path);
      else if (CODE_FILE.test(entry.name)) stamp(path);
    }
  };
  for (const folder of sources.folders) visit(resolve(folder));
  return createHash('sha256').update(lines.join('')).digest('hex');
}
