import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { scanWorkspace } from './scan-workspace.js';
import { buildWorkspaceIndex, workspaceIndexFromParts } from './workspace-index.js';

/** Texts a line table was made for, counted at the one place tables are made. */
const tabled: string[] = [];
vi.mock('./line-table.js', async (original) => {
  const module = await original<typeof import('./line-table.js')>();
  return {
    ...module,
    createLineTable: (text: string) => {
      tabled.push(text);
      return module.createLineTable(text);
    },
  };
});

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));

describe('workspaceIndexFromParts', () => {
  it('answers as the built index, cutting line tables only for the files its results come from', async () => {
    const files = await scanWorkspace(sample);
    const built = buildWorkspaceIndex(files);
    const parts = built.parts();
    tabled.length = 0;
    const read = workspaceIndexFromParts(files, parts);
    expect(tabled).toEqual([]);
    const results = read.search('SQL injection concatenated', { limit: 2 });
    expect(results).toEqual(built.index.search('SQL injection concatenated', { limit: 2 }));
    const cited = new Set(results.map((result) => result.ref.path));
    // One table per file a result came from, made once however many of its chunks are cut.
    expect(tabled).toHaveLength(cited.size);
    expect(cited.size).toBeLessThan(files.length);
    for (const query of ['session token', 'payments client retry', 'orders route', 'pool']) {
      expect(read.search(query)).toEqual(built.index.search(query));
    }
    expect(new Set(tabled).size).toBe(tabled.length);
  });
});
