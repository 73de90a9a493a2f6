import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { caseIndexOf, caseIndexOfParts } from './case-search.js';
import type { CaseColumns } from './case-segment.js';
import { rowsOf, segmentOf } from './case-segment.js';
import type { CaseTerms } from './case-terms.js';
import { buildCaseTerms } from './case-terms.js';
import { windowTerms } from './case-terms-merge.js';
import { packStrings, unpackAll, unpackedAt, vocabularyOf } from './case-vocabulary.js';

interface Fields {
  mission_id: string;
  seq: number;
  summary: string;
  phase: string;
  details: string;
}

/** Documents of this folder's source lines (real, varied text), with a few of their own words. */
function documents(): Fields[] {
  const folder = fileURLToPath(new URL('.', import.meta.url));
  const lines = readdirSync(folder)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .flatMap((name) => readFileSync(`${folder}/${name}`, 'utf8').split('\n'))
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const phases = ['react', 'perceive', 'engage', 'yield'];
  const found: Fields[] = [];
  for (let at = 0; at + 1 < lines.length && found.length < 600; at += 2) {
    const id = found.length;
    found.push({
      mission_id: `mi_${id % 23}`,
      seq: id,
      // Words of one document only (retrying, retry7…): their counts change as the window moves.
      summary: `${lines[at]} retry${id % 9 === 0 ? id : ''} ${id % 31 === 0 ? 'Übersicht 東京' : ''}`,
      phase: phases[id % phases.length] as string,
      details: id % 5 === 0 ? '' : (lines[at + 1] as string),
    });
  }
  return found;
}

const build = (items: readonly Fields[], firstDocument: number) =>
  buildCaseTerms(
    items.length,
    (document, field) => {
      const item = items[document] as Fields;
      return field === 0 ? item.summary : field === 1 ? item.phase : item.details;
    },
    firstDocument,
  );

const columnsOf = (items: readonly Fields[]): CaseColumns => ({
  missionIds: items.map((item) => item.mission_id),
  seqs: items.map((item) => item.seq),
  summaries: items.map((item) => item.summary),
});

/** A segment read through packed strings, as one read back from the window file is. */
function packedSegment(terms: CaseTerms) {
  const packed = unpackedAt(packStrings(terms.terms));
  const lazy = vocabularyOf(terms.terms);
  return {
    ...segmentOf(terms),
    vocabulary: { ...lazy, length: terms.terms.length, at: packed },
  };
}

const QUERIES = [
  'Map the retry logic retry.ts exports function retry',
  'retry retry7 retrying retr',
  'recieve recipt hashes offset',
  'the the the of',
  'übersicht 東京 cafe',
  'const documents window',
  'zzzz nothing',
];

describe('the case search over a window in parts', () => {
  it('answers exactly as the search over the merged terms (hits, order, scores)', () => {
    const all = documents();
    let compared = 0;
    for (const [kept, added, first, last] of [
      [400, 50, 0, 400],
      [400, 50, 120, 400],
      [400, 0, 37, 400],
      [400, 80, 10, 300],
      [400, 0, 0, 400],
      [300, 200, 300, 300],
      [10, 300, 3, 9],
      [400, 30, 0, 250],
    ] as const) {
      const base = build(all.slice(0, kept), 7);
      const extra = build(all.slice(kept, kept + added), 7 + last);
      const merged = caseIndexOf(
        windowTerms(base, first, last, extra),
        columnsOf([...all.slice(first, last), ...all.slice(kept, kept + added)]),
      );
      for (const makeBase of [segmentOf, packedSegment]) {
        const parts = caseIndexOfParts(
          { base: makeBase(base), first, last, extra: segmentOf(extra) },
          rowsOf(columnsOf(all.slice(0, kept))),
          rowsOf(columnsOf(all.slice(kept, kept + added))),
        );
        expect(parts.size).toBe(merged.size);
        for (const query of QUERIES)
          for (const options of [{ limit: 5 }, { limit: 50, excludeMissionId: 'mi_3' }, { limit: 1000 }]) {
            const expected = merged.search(query, options);
            expect(parts.search(query, options), `${query} [${first}, ${last}) + ${added}`).toEqual(expected);
            compared += expected.length;
          }
      }
    }
    expect(compared).toBeGreaterThan(5000);
  });
});

describe('packed strings', () => {
  it('give back every code unit, Latin-1 or not, lone surrogates included', () => {
    for (const strings of [
      ['', 'retry', 'café', '', 'x'],
      ['Übersicht', '東京', '\ud800', 'a\udc00b', ''],
      [],
    ]) {
      const packed = packStrings(strings);
      const at = unpackedAt(packed);
      expect(strings.map((_, index) => at(index))).toEqual(strings);
      expect(unpackAll(packed)).toEqual(strings);
    }
  });
});
