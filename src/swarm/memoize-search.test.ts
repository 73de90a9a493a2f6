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

describe('memoizeSearch across missions', () => {
  function counted(source: readonly WorkspaceFile[]) {
    const index = createWorkspaceIndex(source);
    const counter = { searches: 0 };
    const counting = {
      ...index,
      search: (...args: Parameters<typeof index.search>) => {
        counter.searches += 1;
        return index.search(...args);
      },
    };
    Object.defineProperty(counting, 'analysis', { get: () => index.analysis });
    return { index: counting, counter };
  }

  it('reuses answers for the same content key, and searches again when the content (key) changes', () => {
    const first = counted(files);
    const answer = memoizeSearch(first.index, 'key-a').search('charge card', { limit: 4 });
    const again = counted(files);
    expect(memoizeSearch(again.index, 'key-a').search('charge card', { limit: 4 })).toEqual(answer);
    expect(again.counter.searches).toBe(0);
    const edited = files.map((file) =>
      file.path === 'src/payments.ts' ? { ...file, text: 'export function refund() {}\n' } : file,
    );
    const changed = counted(edited);
    const fresh = memoizeSearch(changed.index, 'key-b').search('charge card', { limit: 4 });
    expect(changed.counter.searches).toBe(1);
    expect(fresh).toEqual(createWorkspaceIndex(edited).search('charge card', { limit: 4 }));
    expect(fresh).not.toEqual(answer);
    // Without a key nothing outlives the mission.
    const unkeyed = counted(files);
    memoizeSearch(unkeyed.index).search('charge card', { limit: 4 });
    memoizeSearch(unkeyed.index).search('charge card', { limit: 4 });
    expect(unkeyed.counter.searches).toBe(2);
  });
});
