import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hashLineRange } from '../contracts/index.js';
import { scanWorkspace } from './scan-workspace.js';
import { createWorkspaceIndex } from './workspace-index.js';

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));

describe('workspace index', () => {
  it('finds the file that answers a query and pins it with a resolvable ref', async () => {
    const files = await scanWorkspace(sample);
    expect(files.map((file) => file.path)).toContain('src/db/pool.ts');
    const index = createWorkspaceIndex(files);
    const [top] = index.search('SQL injection concatenated');
    expect(top?.ref.path).toBe('src/db/pool.ts');
    const text = await readFile(`${sample}/${top?.ref.path}`, 'utf8');
    expect(hashLineRange(text, top?.ref.lines ?? [1, 1])).toBe(top?.ref.sha256);
    expect(text).toContain(top?.text.split('\n')[0] ?? 'missing');
  });

  it('matches identifiers split on case and returns nothing for unknown words', async () => {
    const index = createWorkspaceIndex([{ path: 'a.ts', text: 'export function createSessionToken() {}\n' }]);
    expect(index.search('session token')).toHaveLength(1);
    expect(index.search('kubernetes')).toHaveLength(0);
  });

  it('chunks long files into overlapping windows that cover every line', () => {
    const text = Array.from({ length: 30 }, (_, index) => `line ${index + 1} alpha`).join('\n');
    const index = createWorkspaceIndex([{ path: 'long.txt', text }], { chunkLines: 10, overlapLines: 2 });
    const ranges = index.search('alpha', { limit: 50 }).map((excerpt) => excerpt.ref.lines);
    expect(Math.max(...ranges.map((range) => range[1]))).toBe(30);
    expect(index.chunkCount).toBe(4);
  });
});
