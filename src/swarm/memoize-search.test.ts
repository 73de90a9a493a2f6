import { describe, expect, it } from 'vitest';
import type { WorkspaceFile } from '../tools/index.js';
import { createWorkspaceIndex } from '../tools/index.js';
import { memoizeSearch } from './memoize-search.js';

const files: WorkspaceFile[] = [
  { path: 'src/orders.ts', text: 'export function createOrder() {\n  return chargeCard();\n}\n' },
  { path: 'src/payments.ts', text: 'export function chargeCard() {\n  return "charged";\n}\n' },
];

describe('memoizeSearch', () => {
  it('answers a repeated query from the first search, as the index would', () => {
    const index = createWorkspaceIndex(files);
    let searches = 0;
    const counting = {
      ...index,
      search: (...args: Parameters<typeof index.search>) => {
        searches += 1;
        return index.search(...args);
      },
    };
    Object.defineProperty(counting, 'analysis', { get: () => index.analysis });
    const memo = memoizeSearch(counting);
    const first = memo.search('charge card', { limit: 4 });
    const second = memo.search('charge card', { limit: 4 });
    expect(second).toEqual(index.search('charge card', { limit: 4 }));
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(searches).toBe(1);
    // Other options or another query are searches of their own.
    memo.search('charge card', { limit: 1 });
    memo.search('charge card', { limit: 4, excludePaths: new Set(['src/payments.ts']) });
    memo.search('create order', { limit: 4 });
    expect(searches).toBe(4);
    expect(memo.search('charge card', { limit: 4, excludePaths: new Set(['src/payments.ts']) })).toEqual(
      index.search('charge card', { limit: 4, excludePaths: new Set(['src/payments.ts']) }),
    );
    expect(searches).toBe(4);
    expect(memo.fileCount).toBe(2);
  });
});
