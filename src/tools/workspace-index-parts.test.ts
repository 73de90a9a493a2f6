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
    tabled.length = 0;
    const built = buildWorkspaceIndex(files);
    // Building: one table per file to chunk it, one per file again as the BM25 build reads it.
    expect(tabled.length).toBeLessThanOrEqual(2 * files.length);
    const parts = built.parts();
    const queries = ['session token', 'payments client retry', 'orders route', 'pool'];
    tabled.length = 0;
    const expected = built.index.search('SQL injection concatenated', { limit: 2 });
    const cited = new Set(expected.map((result) => result.ref.path));
    // The built index keeps no table either: it cuts one per file its results come from.
    expect(tabled).toHaveLength(cited.size);
    const others = queries.map((query) => built.index.search(query));
    tabled.length = 0;
    const read = workspaceIndexFromParts(files, parts);
    expect(tabled).toEqual([]);
    const results = read.search('SQL injection concatenated', { limit: 2 });
    expect(results).toEqual(expected);
    // One table per file a result came from, made once however many of its chunks are cut.
    expect(tabled).toHaveLength(cited.size);
    expect(cited.size).toBeLessThan(files.length);
    for (const [at, query] of queries.entries()) expect(read.search(query)).toEqual(others[at]);
    expect(new Set(tabled).size).toBe(tabled.length);
  });
});
