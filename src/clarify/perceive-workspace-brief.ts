import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** A quick look at a workspace for writing questions: its layout, README and languages. */
export interface WorkspaceBrief {
  /** Top-level entries, folders with a trailing `/`. */
  layout: string[];
  /** The README's first lines, if there is one. */
  readme?: string;
  /** File extensions by count, most common first, e.g. `[{ extension: '.ts', files: 120 }]`. */
  languages: { extension: string; files: number }[];
  /** Files counted (the walk stops at `maxFiles`). */
  filesSeen: number;
}

const SKIPPED = new Set(['node_modules', 'dist', 'build', 'coverage', 'target', 'vendor', '__pycache__']);

/**
 * Walks the workspace breadth-first (hidden and dependency folders skipped, at most `maxFiles`
 * files) and reads the README's first 40 lines. Cheap by design: it runs before the first question.
 */
export async function perceiveWorkspaceBrief(
  workspace: string,
  options: { maxFiles?: number } = {},
): Promise<WorkspaceBrief> {
  const maxFiles = options.maxFiles ?? 2_000;
  const counts = new Map<string, number>();
  const pending = [''];
  let filesSeen = 0;
  let layout: string[] = [];
  while (pending.length > 0 && filesSeen < maxFiles) {
    const folder = pending.shift() as string;
    const entries: Dirent[] = await readdir(join(workspace, folder), { withFileTypes: true }).catch(() => []);
    entries.sort((left, right) => left.name.localeCompare(right.name));
    const visible = entries.filter((entry) => !entry.name.startsWith('.') && !SKIPPED.has(entry.name));
    if (folder === '') layout = visible.map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name));
    for (const entry of visible) {
      if (entry.isDirectory()) pending.push(join(folder, entry.name));
      else if (entry.isFile()) {
        filesSeen += 1;
        const extension = extname(entry.name).toLowerCase() || '(none)';
        counts.set(extension, (counts.get(extension) ?? 0) + 1);
      }
    }
  }
  const readmeName = layout.find((name) => /^readme(\.|$)/i.test(name));
  const readme =
    readmeName === undefined
      ? undefined
      : (await readFile(join(workspace, readmeName), 'utf8').catch(() => ''))
          .split('\n')
          .slice(0, 40)
          .join('\n');
  const languages = [...counts]
    .map(([extension, files]) => ({ extension, files }))
    .sort((left, right) => right.files - left.files || left.extension.localeCompare(right.extension))
    .slice(0, 10);
  return { layout: layout.slice(0, 60), ...(readme ? { readme } : {}), languages, filesSeen };
}
