import { describe, expect, it } from 'vitest';
import { createTermCollector, eachCollected, sortPostings } from './bm25-collect.js';
import { identifierSpans, tokenizeIdentifiers } from './tokenize.js';

/**
 * The postings by definition: per (term rank, field), the documents ascending with the term's
 * count among the field's tokens (lower-cased), from plain maps.
 */
function plainPostings(fields: string[][], fieldCount: number) {
  const counts = new Map<string, Map<number, number>>();
  for (const [document, values] of fields.entries())
    for (const [field, text] of values.entries())
      for (const token of tokenizeIdentifiers(text)) {
        const key = `${token.toLowerCase()}\u0000${field}`;
        let perDocument = counts.get(key);
        if (perDocument === undefined) {
          perDocument = new Map();
          counts.set(key, perDocument);
        }
        perDocument.set(document, (perDocument.get(document) ?? 0) + 1);
      }
  const terms = [...new Set([...counts.keys()].map((key) => key.split('\u0000')[0] as string))].sort();
  const offsets = [0];
  const postings: number[] = [];
  for (const term of terms)
    for (let field = 0; field < fieldCount; field += 1) {
      for (const [document, frequency] of counts.get(`${term}\u0000${field}`) ?? [])
        postings.push(document, frequency);
      offsets.push(postings.length / 2);
    }
  return { terms, offsets, postings };
}

function collect(fields: string[][], fieldCount: number) {
  const collector = createTermCollector(fieldCount, identifierSpans);
  for (const [document, values] of fields.entries())
    for (const [field, text] of values.entries()) collector.add(document, field, text);
  const { terms, rank } = collector.ranked();
  const collected = collector.collected();
  const { offsets, documents, frequencies } = sortPostings(collected, rank, terms.length, fieldCount);
  const postings = [...documents].flatMap((document, at) => [document, frequencies[at] as number]);
  return { terms, offsets: [...offsets], postings, collected, frequencies };
}

describe('term collector', () => {
  it('collects every frequency exactly, one word per small posting and two for a large one', () => {
    // Frequencies around the one-word limit (255, 256) and far past it, in several fields.
    const fields = [
      ['alpha beta', 'beta '.repeat(255), 'gamma '.repeat(256)],
      ['delta '.repeat(70_000), 'alpha', ''],
      ['Beta BETA beta', 'gamma', 'alpha '.repeat(300)],
    ];
    const built = collect(fields, 3);
    const plain = plainPostings(fields, 3);
    expect(built.terms).toEqual(plain.terms);
    expect(built.offsets).toEqual(plain.offsets);
    expect(built.postings).toEqual(plain.postings);
    // 70 000 does not fit in 16 bits: the frequencies are 32-bit.
    expect(built.frequencies).toBeInstanceOf(Uint32Array);
    // Three postings (256, 70 000 and 300) take two words, the others one.
    const words = built.collected.blocks.reduce((sum, block) => sum + block.length, 0);
    expect(words).toBe(built.collected.total + 3);
    let seen = 0;
    eachCollected(built.collected.blocks, () => {
      seen += 1;
    });
    expect(seen).toBe(built.collected.total);
  });

  it('collects slots past the one-word limit (many fields) exactly', () => {
    // 2^23 slots are passed with a few terms when a document has that many fields.
    const fieldCount = 2 ** 21 + 1;
    const collector = createTermCollector(fieldCount, identifierSpans);
    const entries: [number, number, string][] = [
      [0, 0, 'one two three four five'],
      [0, fieldCount - 1, 'five four'],
      [1, 7, 'two two six'],
      [1, fieldCount - 1, 'six'],
    ];
    for (const [document, field, text] of entries) collector.add(document, field, text);
    const collected: [number, number][] = [];
    eachCollected(collector.collected().blocks, (slot, frequency) => collected.push([slot, frequency]));
    // Term ids in first-seen order: one 0, two 1, three 2, four 3, five 4, six 5.
    const slot = (id: number, field: number) => id * fieldCount + field;
    expect(collected).toEqual([
      [slot(0, 0), 1],
      [slot(1, 0), 1],
      [slot(2, 0), 1],
      [slot(3, 0), 1],
      [slot(4, 0), 1],
      [slot(4, fieldCount - 1), 1],
      [slot(3, fieldCount - 1), 1],
      [slot(1, 7), 2],
      [slot(5, 7), 1],
      [slot(5, fieldCount - 1), 1],
    ]);
    expect(collected.some(([each]) => each >= 2 ** 23)).toBe(true);
  });
});
