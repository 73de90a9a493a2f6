import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The built analysis (`dist/`, where the worker module exists): parsed on worker threads, a
 * workspace gets the same analysis as parsed on this thread — every fact in order, the parse
 * counts, the import graph and the vocabulary's stems. Run `npm run build` first.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const built = (await import(join(root, 'dist/analysis/index.js'))) as typeof import('./index.js');

function filesUnder(dir: string): { path: string; text: string }[] {
  const found: { path: string; text: string }[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(m?[jt]sx?|json)$/.test(entry.name))
        found.push({ path: relative(root, path), text: readFileSync(path, 'utf8') });
    }
  };
  walk(dir);
  return found;
}

describe('analysis on worker threads (built)', () => {
  const files = [...filesUnder(join(root, 'src')), ...filesUnder(join(root, 'node_modules/yaml/dist'))];

  it('answers what one thread answers, through a memo and without one', async () => {
    const alone = built.analyzeWorkspace(files);
    const recorded = new Map<string, unknown>();
    const memo = {
      get: () => undefined,
      set: (path: string, analysis: unknown) => void recorded.set(path, analysis),
    };
    // Threshold 0: workers for any amount of text.
    const workers = await built.analyzeWorkspaceConcurrently(
      files,
      memo as Parameters<typeof built.analyzeWorkspaceConcurrently>[1],
      undefined,
      0,
    );
    expect(JSON.stringify(workers.facts)).toBe(JSON.stringify(alone.facts));
    expect(workers.parsedFiles).toBe(alone.parsedFiles);
    expect(workers.unparsedFiles).toEqual(alone.unparsedFiles);
    expect(workers.imports).toEqual(alone.imports);
    expect(workers.vocabulary.textStems()).toEqual(alone.vocabulary.textStems());
    expect(workers.vocabulary.fileStems()).toEqual(alone.vocabulary.fileStems());
    expect(workers.vocabulary.nameCount).toBe(alone.vocabulary.nameCount);
    expect(recorded.size).toBe(files.length);
    for (const file of files.slice(0, 50))
      expect(JSON.stringify(recorded.get(file.path))).toBe(
        JSON.stringify(built.analyzeFile(file.path, file.text, new Set(files.map((each) => each.path)))),
      );
  }, 60_000);
});
