import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { bm25DataProblem, buildBm25, createBm25Search } from './bm25-index.js';
import { identifierSpans } from './tokenize.js';

const here = fileURLToPath(new URL('.', import.meta.url));

function tokenize(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((token) => token.length > 1);
}

interface Doc {
  id: number;
  path: string;
  names: string;
  uses: string;
  text: string;
}

/** 12-line windows of this folder's source, with a few words of each window as `names`/`uses`. */
async function documents(): Promise<Doc[]> {
  const docs: Doc[] = [];
  for (const name of (await readdir(here)).filter((entry) => entry.endsWith('.ts')).sort()) {
    const lines = (await readFile(`${here}/${name}`, 'utf8')).split('\n');
    for (let start = 0; start < lines.length; start += 8) {
      const text = lines.slice(start, start + 12).join('\n');
      const words = tokenize(text);
      docs.push({
        id: docs.length,
        path: `src/tools/${name}`,
        names: words.slice(0, 2).join(' '),
        uses: words.slice(2, 5).join(' '),
        text,
      });
    }
  }
  return docs;
}

const FIELDS = ['path', 'names', 'uses', 'text'] as const;
const BOOSTS = [2, 3, 1.5, 1];
const weight = (doc: Doc) => (doc.path.endsWith('.test.ts') ? 0.7 : 1);

describe('bm25 index', () => {
  it('ranks and scores as MiniSearch does with the options the workspace index used', async () => {
    const docs = await documents();
    const mini = new MiniSearch<Doc>({
      fields: [...FIELDS],
      storeFields: [],
      tokenize,
      processTerm: (term) => term.toLowerCase(),
      searchOptions: {
        boost: { path: 2, names: 3, uses: 1.5 },
        prefix: true,
        combineWith: 'OR',
        boostDocument: (id) => weight(docs[id as number] as Doc),
      },
    });
    mini.addAll(docs);
    const data = buildBm25(
      docs.length,
      4,
      (doc, field) => (docs[doc] as Doc)[FIELDS[field] as keyof Doc] as string,
      identifierSpans,
    );
    expect(bm25DataProblem(data)).toBeUndefined();
    const search = createBm25Search(data, {
      boosts: BOOSTS,
      tokenize,
      documentWeight: (doc) => weight(docs[doc] as Doc),
    });
    const queries = [
      'retry payment',
      'scan workspace gitignore',
      'index cache key sha256',
      're',
      'createLineTable slice',
      'budget budget bytes',
      'nothing-matches-zzqx',
      'map limit concurrent reads',
      'MiniSearch prefix weight',
      'path scope include exclude',
    ];
    let compared = 0;
    for (const query of queries) {
      const expected = mini.search(query);
      const actual = search(query);
      expect(actual.length, query).toBe(expected.length);
      const expectedScore = new Map(expected.map((hit) => [hit.id as number, hit.score]));
      for (const [position, hit] of actual.entries()) {
        const reference = expectedScore.get(hit.document);
        expect(reference, query).toBeDefined();
        expect(Math.abs(hit.score - (reference as number))).toBeLessThanOrEqual(1e-9 * hit.score);
        // Same order, but for scores equal to the last bits (prefix terms are summed in another order).
        const other = expected[position];
        if (other?.id !== hit.document) expect(Math.abs((other?.score ?? 0) - hit.score)).toBeLessThan(1e-9);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('finds nothing in an empty index and reports damaged data', () => {
    const data = buildBm25(0, 4, () => '', identifierSpans);
    expect(createBm25Search(data, { boosts: BOOSTS, tokenize, documentWeight: () => 1 })('anything')).toEqual(
      [],
    );
    const one = buildBm25(1, 1, () => 'alpha beta', identifierSpans);
    expect(bm25DataProblem(one)).toBeUndefined();
    expect(bm25DataProblem({ ...one, documents: Uint32Array.of(5, 0) })).toBe(
      'a posting names a missing document',
    );
    expect(bm25DataProblem({ ...one, frequencies: Uint8Array.of(1) })).toBe(
      'frequencies and documents differ',
    );
    expect(bm25DataProblem({ ...one, offsets: one.offsets.slice(1) })).toBe('offsets has the wrong size');
  });

  it('ranks only the best hits it is asked for, exactly as the head of the full ranking', () => {
    // Many equal scores: ties must keep the order of the full (stable) ranking.
    const texts = Array.from({ length: 60 }, (_, doc) =>
      doc % 3 === 0 ? 'retry payment' : doc % 3 === 1 ? 'retry' : `payment retry retry ${doc}`,
    );
    const data = buildBm25(texts.length, 1, (doc) => texts[doc] as string, identifierSpans);
    const search = createBm25Search(data, { boosts: [1], tokenize, documentWeight: () => 1 });
    const fresh = () => createBm25Search(data, { boosts: [1], tokenize, documentWeight: () => 1 });
    for (const query of ['retry payment', 'retry', 'pay', 'retry retry', 'zzz', 'payment retry re']) {
      const all = fresh()(query);
      for (const limit of [1, 3, 8, 100]) {
        const accept = (doc: number) => doc % 4 !== 1;
        expect(search(query, limit, accept), `${query} ${limit}`).toEqual(
          all.filter((hit) => accept(hit.document)).slice(0, limit),
        );
        expect(search(query, limit)).toEqual(all.slice(0, limit));
      }
      // The scratch state of earlier queries never leaks into a later one.
      expect(search(query)).toEqual(all);
    }
  });
});
