import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The official release files shipped in `src/sysml/corpus/` (see its INDEX.md), both from `src/` and `dist/`. */
export const CORPUS_ROOT: string = fileURLToPath(new URL('../../src/sysml/corpus', import.meta.url));

/** The standard library of the release: `sysml.library/` in the corpus. */
export const STANDARD_LIBRARY_ROOT: string = join(CORPUS_ROOT, 'sysml.library');

/** One corpus file: its absolute path and its path inside the corpus. */
export interface CorpusFile {
  path: string;
  /** Relative to the corpus root, `/`-separated, e.g. `sysml/src/examples/Camera Example/Camera.sysml`. */
  name: string;
}

/** Every `.sysml` and `.kerml` file under `folder`, sorted by name. */
export function listModelFiles(folder: string): string[] {
  const files: string[] = [];
  const visit = (directory: string): void => {
    for (const entry of readdirSync(directory).sort()) {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (entry.endsWith('.sysml') || entry.endsWith('.kerml')) files.push(path);
    }
  };
  visit(folder);
  return files;
}

/** The corpus files under `subfolder` of the corpus (all when absent). */
export function listCorpusFiles(subfolder = ''): CorpusFile[] {
  return listModelFiles(join(CORPUS_ROOT, subfolder)).map((path) => ({
    path,
    name: relative(CORPUS_ROOT, path).split('\\').join('/'),
  }));
}
