import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../analysis/index.js';
import { scanWorkspace } from './scan-workspace.js';
import { loadOrBuildWorkspaceIndex } from './workspace-index-cache.js';

/** A mission's view: scan, then the cached index; its facts must equal a fresh analysis's. */
async function mission(root: string) {
  const files = await scanWorkspace(root);
  const cached = await loadOrBuildWorkspaceIndex(files, { dir: join(root, 'hfo_cache', 'workspace_index') });
  expect(cached.index.analysis.facts).toEqual(analyzeWorkspace(files).facts);
  return cached;
}

describe('per-file analysis memo', () => {
  it('re-parses only the edited, added or re-pointed files, and never serves stale facts', async () => {
    const root = await mkdtemp(join(tmpdir(), 'swarmlord-memo-'));
    await writeFile(
      join(root, 'a.ts'),
      "import { b } from './b';\nimport { d } from './d';\nexport const a = b + d;\n",
    );
    await writeFile(join(root, 'b.ts'), 'export const b = 1;\n');
    await writeFile(join(root, 'c.ts'), 'export function charge() {\n  return 2;\n}\n');
    const first = await mission(root);
    expect(first).toMatchObject({ source: 'stored', reused: 0 });
    expect(first.index.analysis.imports).toEqual([{ from: 'a.ts', to: 'b.ts' }]);

    // An edit: only c.ts is parsed again, and its new function is a fact.
    await writeFile(join(root, 'c.ts'), 'export function refund() {\n  return 3;\n}\n');
    const edited = await mission(root);
    expect(edited).toMatchObject({ source: 'stored', reused: 2 });
    const statements = edited.index.analysis.facts.map((fact) => fact.statement).join('\n');
    expect(statements).toContain('refund');
    expect(statements).not.toContain('charge');

    // An added file that an import now resolves to: the importer is analysed again.
    await writeFile(join(root, 'd.ts'), 'export const d = 4;\n');
    const added = await mission(root);
    expect(added).toMatchObject({ source: 'stored', reused: 2 });
    expect(added.index.analysis.imports).toEqual([
      { from: 'a.ts', to: 'b.ts' },
      { from: 'a.ts', to: 'd.ts' },
    ]);

    // A deleted import target: the importer's edge goes, the other files are reused.
    await rm(join(root, 'b.ts'));
    const deleted = await mission(root);
    expect(deleted).toMatchObject({ source: 'stored', reused: 2 });
    expect(deleted.index.analysis.imports).toEqual([{ from: 'a.ts', to: 'd.ts' }]);

    // Unchanged since: a whole-index hit.
    expect((await mission(root)).source).toBe('hit');
  });
});
