import { describe, expect, it } from 'vitest';
import { buildCaseTerms } from './case-terms.js';
import { windowTerms } from './case-terms-merge.js';

const WORDS = ['retry', 'Retry', 'payment', 'client', 'the', 'module', 'rounding', 'café', '', 'x', 'y7'];

/** Field texts of `count` documents (summary, phase, details), varied: repeats, case, empty fields. */
function fieldsOf(count: number, seed: number): string[][] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state;
  };
  return Array.from({ length: count }, (_, document) =>
    [0, 1, 2]
      .map((field) =>
        Array.from({ length: next() % 7 }, () => WORDS[next() % WORDS.length]).join(field === 2 ? '\n' : ' '),
      )
      .map((text, field) => (field === 1 ? `react ${document % 3}` : text)),
  );
}

const build = (fields: string[][], firstDocument = 0) =>
  buildCaseTerms(fields.length, (document, field) => fields[document]?.[field] ?? '', firstDocument);

describe('windowTerms', () => {
  it('gives exactly the terms a build over the kept and the new documents gives', () => {
    for (let seed = 1; seed < 60; seed += 1) {
      // Some histories long enough that a run of postings is copied natively (more than 8).
      const old = fieldsOf((seed % 13) + (seed % 4 === 0 ? 40 : 0), seed);
      const added = fieldsOf(seed % 5, seed * 7);
      for (const [first, end] of [
        [0, old.length],
        [Math.floor(old.length / 2), old.length],
        [1, Math.max(1, old.length - 1)],
        [old.length, old.length],
      ] as const) {
        if (first > end || end > old.length) continue;
        // The kept documents keep their numbers (from 5 here), the new ones are numbered on from them.
        const merged = windowTerms(build(old, 5), first, end, build(added, 5 + end));
        expect(merged, `seed ${seed} [${first}, ${end})`).toEqual(
          build([...old.slice(first, end), ...added], 5 + first),
        );
      }
    }
  });
});
