import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The built worker pool (`dist/`, where the worker module exists): a worker that runs out of its
 * heap loses no file. Its batches come back unanswered, the other worker goes on with the rest,
 * and the caller analyses what is missing, so the workspace gets every fact. Run `npm run build`.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const pool = (await import(
  join(root, 'dist/analysis/analysis-worker-pool.js')
)) as typeof import('./analysis-worker-pool.js');
const built = (await import(join(root, 'dist/analysis/index.js'))) as typeof import('./index.js');

/**
 * Small files with facts (an import, an export, a call), and first one dense file (a statement
 * every two characters) whose tree does not fit the tiny heap the test gives the workers.
 */
function workspace(): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [{ path: 'src/dense.js', text: 'a;'.repeat(128 * 1024) }];
  for (let at = 0; at < 400; at += 1)
    files.push({
      path: `src/a${at}.js`,
      text: `import { readFile } from 'node:fs/promises';\nexport async function load${at}(path) {\n  return readFile(path, 'utf8');\n}\nexport function f(x) { return x + ${at}; }\n`,
    });
  return files;
}

describe('analysis worker pool (built)', () => {
  it('a worker that runs out of heap loses no facts: its files come back for the caller to analyse', async () => {
    const files = workspace();
    const paths = files.map((file) => file.path);
    // An old space too small for the dense file's tree: its worker stops; the pool must still
    // settle (it waited forever for the lost batches while the other worker sat idle).
    const answered = await pool.analyzeOnWorkers(files, paths, 2, undefined, {
      maxOldGenerationSizeMb: 16,
      maxYoungGenerationSizeMb: 2,
    });
    expect(answered).toBeDefined();
    const results = answered as (import('./analyze-workspace.js').FileAnalysis | undefined)[];
    expect(results).toHaveLength(files.length);
    // The dense file's worker failed: its batch is left to the caller; the other worker answered.
    expect(results[0]).toBeUndefined();
    expect(results.filter((result) => result !== undefined).length).toBeGreaterThan(0);
    const set = new Set(paths);
    for (const [at, result] of results.entries()) {
      if (result === undefined) continue;
      expect(JSON.stringify(result)).toBe(
        JSON.stringify(built.analyzeFile(paths[at] as string, (files[at] as { text: string }).text, set)),
      );
    }
  }, 60_000);

  it('the default limits analyse the densest file a worker is given (256 K characters)', async () => {
    const files = workspace();
    const paths = files.map((file) => file.path);
    const results = await pool.analyzeOnWorkers(files, paths, 2);
    expect(results).toBeDefined();
    const set = new Set(paths);
    for (const [at, result] of (results as unknown[]).entries())
      expect(JSON.stringify(result)).toBe(
        JSON.stringify(built.analyzeFile(paths[at] as string, (files[at] as { text: string }).text, set)),
      );
  }, 60_000);
});
