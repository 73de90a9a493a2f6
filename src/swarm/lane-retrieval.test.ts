import { describe, expect, it } from 'vitest';
import type { WorkspaceFile, WorkspaceIndex } from '../tools/index.js';
import { createWorkspaceIndex } from '../tools/index.js';
import { retrieve } from './lane-retrieval.js';
import { memoizeSearch } from './memoize-search.js';

const files: WorkspaceFile[] = [
  {
    path: 'src/orders.ts',
    text: 'export function createOrder() {\n  return chargeCard();\n}\nexport function cancelOrder() {}\n',
  },
  { path: 'src/payments.ts', text: 'export function chargeCard() {\n  return "charged";\n}\n' },
  { path: 'src/refunds.ts', text: 'export function refundOrder() {\n  return chargeCard(-1);\n}\n' },
];

const limits = { perQuery: 6, perLane: 14 };

function counted(source: readonly WorkspaceFile[]) {
  const index = createWorkspaceIndex(source);
  const counter = { searches: 0 };
  const counting: WorkspaceIndex = {
    ...index,
    search: (...args) => {
      counter.searches += 1;
      return index.search(...args);
    },
  };
  Object.defineProperty(counting, 'analysis', { get: () => index.analysis });
  return { index: counting, counter };
}

/** The merge as the lane computed it before retrieval was shared (every query searched). */
function mergedByHand(index: WorkspaceIndex, queries: readonly string[]) {
  const best = new Map<string, ReturnType<WorkspaceIndex['search']>[number]>();
  for (const query of queries) {
    for (const excerpt of index.search(query, { limit: limits.perQuery })) {
      const key = `${excerpt.ref.path}:${excerpt.ref.lines[0]}`;
      const known = best.get(key);
      if (known === undefined || known.score < excerpt.score) best.set(key, excerpt);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score).slice(0, limits.perLane);
}

describe('retrieve', () => {
  it('merges the answers of every query, best score first, as the lane did', () => {
    const index = createWorkspaceIndex(files);
    const queries = ['charge card', 'order', 'refund order'];
    expect(retrieve(index, queries, limits)).toEqual(mergedByHand(index, queries));
    expect(retrieve(memoizeSearch(index), queries, limits)).toEqual(mergedByHand(index, queries));
    expect(retrieve(index, queries, { perQuery: 1, perLane: 2 })).toHaveLength(2);
  });

  it('shares one merge between lanes with the same queries over a memoized index', () => {
    const { index, counter } = counted(files);
    const memo = memoizeSearch(index);
    const first = retrieve(memo, ['charge card', 'order'], limits);
    expect(counter.searches).toBe(2);
    const second = retrieve(memo, ['charge card', 'order'], limits);
    expect(counter.searches).toBe(2);
    expect(second).toEqual(first);
    // Each lane gets its own array.
    expect(second).not.toBe(first);
    second.pop();
    expect(retrieve(memo, ['charge card', 'order'], limits)).toEqual(first);
    // Other queries, another order of them (a different key) or other limits are merges of their own.
    expect(retrieve(memo, ['order', 'charge card'], limits)).toEqual(
      mergedByHand(createWorkspaceIndex(files), ['order', 'charge card']),
    );
    const narrow = { perQuery: 1, perLane: 14 };
    expect(retrieve(memo, ['charge card', 'order'], narrow)).toEqual(
      retrieve(createWorkspaceIndex(files), ['charge card', 'order'], narrow),
    );
    expect(retrieve(memo, ['charge card', 'order'], narrow).length).toBeLessThan(first.length);
    // A query list whose join would collide with another's is a different key.
    expect(retrieve(memo, ['charge card order'], limits)).toEqual(
      mergedByHand(createWorkspaceIndex(files), ['charge card order']),
    );
  });

  it('searches an index whose answers are not known to be fixed every time', () => {
    const { index, counter } = counted(files);
    retrieve(index, ['charge card'], limits);
    retrieve(index, ['charge card'], limits);
    expect(counter.searches).toBe(2);
  });

  it('keeps merges with the content: another content key merges afresh', () => {
    const a = counted(files);
    const before = retrieve(memoizeSearch(a.index, 'retrieval-key-a'), ['charge card'], limits);
    const again = counted(files);
    expect(retrieve(memoizeSearch(again.index, 'retrieval-key-a'), ['charge card'], limits)).toEqual(before);
    expect(again.counter.searches).toBe(0);
    const edited = files.map((file) =>
      file.path === 'src/payments.ts' ? { ...file, text: 'export function chargeCard() {}\n' } : file,
    );
    const changed = counted(edited);
    const fresh = retrieve(memoizeSearch(changed.index, 'retrieval-key-b'), ['charge card'], limits);
    expect(changed.counter.searches).toBe(1);
    expect(fresh).toEqual(mergedByHand(createWorkspaceIndex(edited), ['charge card']));
  });
});
