import { describe, expect, it } from 'vitest';
import { buildBm25 } from './bm25-index.js';
import { updateBm25 } from './bm25-update.js';
import { identifierSpans } from './tokenize.js';

/** A seeded generator: the same cases on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = [
  'retry',
  'Retry',
  'retryPayment',
  'pay',
  'payment',
  'a',
  'x1',
  'Zeta',
  'zeta_ok',
  'é',
  'ß',
  '42',
];

function text(next: () => number): string {
  const length = Math.floor(next() * 12);
  return Array.from({ length }, () => WORDS[Math.floor(next() * WORDS.length)]).join(
    next() < 0.5 ? ' ' : '.',
  );
}

type Doc = [string, string];

describe('updateBm25', () => {
  it('gives exactly the build of today documents, whatever was kept, dropped or added', () => {
    const next = random(7);
    for (let round = 0; round < 300; round += 1) {
      const before: Doc[] = Array.from({ length: Math.floor(next() * 20) }, () => [text(next), text(next)]);
      const previous = buildBm25(
        before.length,
        2,
        (doc, field) => before[doc]?.[field] as string,
        identifierSpans,
      );
      // Today: some previous documents kept in order, some dropped, new ones placed between them.
      const today: Doc[] = [];
      const moved = new Int32Array(before.length).fill(-1);
      const fresh: number[] = [];
      for (const [old, doc] of before.entries()) {
        while (next() < 0.3) {
          fresh.push(today.length);
          today.push([text(next), text(next)]);
        }
        if (next() < 0.7) {
          moved[old] = today.length;
          today.push(doc);
        }
      }
      if (next() < 0.5) {
        fresh.push(today.length);
        today.push([text(next), text(next)]);
      }
      const asked: number[] = [];
      const updated = updateBm25(
        previous,
        moved,
        today.length,
        fresh,
        (doc, field) => {
          asked.push(doc);
          return today[doc]?.[field] as string;
        },
        identifierSpans,
      );
      const built = buildBm25(
        today.length,
        2,
        (doc, field) => today[doc]?.[field] as string,
        identifierSpans,
      );
      expect(updated, `round ${round}`).toEqual(built);
      // Only the fresh documents were tokenised.
      expect(new Set(asked)).toEqual(new Set(fresh));
    }
  });

  it('refuses a numbering that is not a build of today documents', () => {
    const docs = ['alpha beta', 'beta gamma', 'gamma delta'];
    const previous = buildBm25(3, 1, (doc) => docs[doc] as string, identifierSpans);
    const value = (doc: number) => docs[doc] as string;
    // Kept documents in another order.
    expect(updateBm25(previous, Int32Array.of(1, 0, 2), 3, [], value, identifierSpans)).toBeUndefined();
    // A document neither kept nor fresh, one both, one counted twice.
    expect(updateBm25(previous, Int32Array.of(0, 1, -1), 3, [], value, identifierSpans)).toBeUndefined();
    expect(updateBm25(previous, Int32Array.of(0, 1, 2), 3, [2], value, identifierSpans)).toBeUndefined();
    expect(updateBm25(previous, Int32Array.of(0, 1), 3, [2], value, identifierSpans)).toBeUndefined();
    expect(updateBm25(previous, Int32Array.of(0, 1, -1), 3, [2], value, identifierSpans)).toEqual(previous);
  });
});
