import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { boundedDistance } from './case-terms.js';
import type { CaseDocument } from './create-case-index.js';
import { caseIndexFromDocuments } from './create-case-index.js';

/** The case index as it was built with MiniSearch: the reference the own index must rank like. */
function miniSearchCases(documents: readonly CaseDocument[]) {
  const index = new MiniSearch<CaseDocument>({
    fields: ['summary', 'phase', 'details'],
    storeFields: ['mission_id', 'seq', 'summary'],
  });
  index.addAll(documents);
  return (text: string, limit: number, excludeMissionId?: string) =>
    index
      .search(text, {
        boost: { summary: 2 },
        prefix: true,
        fuzzy: 0.1,
        ...(excludeMissionId === undefined
          ? {}
          : { filter: (result) => result.mission_id !== excludeMissionId }),
      })
      .slice(0, limit)
      .map((result) => ({
        mission_id: String(result.mission_id),
        seq: Number(result.seq),
        summary: String(result.summary),
        score: result.score,
      }));
}

/** Documents made of this folder's source lines: real, varied text (identifiers, punctuation, case). */
function sourceDocuments(): CaseDocument[] {
  const folder = fileURLToPath(new URL('.', import.meta.url));
  const lines = readdirSync(folder)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .flatMap((name) => readFileSync(`${folder}/${name}`, 'utf8').split('\n'))
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const phases = ['react', 'perceive', 'engage', 'yield', 'mission start', 'verify'];
  const documents: CaseDocument[] = [];
  for (let at = 0; at + 3 < lines.length && documents.length < 1500; at += 4) {
    const id = documents.length;
    documents.push({
      id,
      mission_id: `mi_${id % 37}`,
      seq: id,
      summary: lines[at] as string,
      phase: phases[id % phases.length] as string,
      // Some documents have no details (an empty field still has a length of one token).
      details: id % 5 === 0 ? '' : [lines[at + 1], lines[at + 2], lines[at + 3]].join('\n'),
    });
  }
  documents.push({
    id: documents.length,
    mission_id: 'mi_u',
    seq: 9000,
    summary: 'Größe der Übersicht — café «naïve» 東京',
    phase: 'react',
    details: 'RETRY Retry retry',
  });
  return documents;
}

const QUERIES = [
  'Map the retry logic retry.ts exports function retry',
  'receipt hash chain',
  'recieve recipt hashes',
  'blackboard lock holder stale',
  'const',
  'the the the of',
  'parseReceiptLine schema zod',
  'why do payment charges get retried twice?',
  'canonicalization canonicalisation canonical',
  'offset offsets buffer subarray lastIndexOf newline',
  'übersicht cafe naive 東京 retry',
  'a',
  'import { readFile } from node:fs/promises',
  'missions index sidecar window before mission cut',
  'redact secrets environment detector scanner corpus',
  'x y z q',
  'authorization authentication',
];

describe('the case search', () => {
  const documents = sourceDocuments();
  const ours = caseIndexFromDocuments(documents);
  const reference = miniSearchCases(documents);

  it('finds what MiniSearch found, in its order, with its scores, on varied queries', () => {
    let compared = 0;
    for (const query of QUERIES) {
      for (const [limit, exclude] of [
        [5, undefined],
        [40, 'mi_3'],
        [200, undefined],
      ] as const) {
        const expected = reference(query, limit, exclude);
        const actual = ours.search(query, {
          limit,
          ...(exclude === undefined ? {} : { excludeMissionId: exclude }),
        });
        expect(actual.length, query).toBe(expected.length);
        for (const [at, hit] of actual.entries()) {
          const want = expected[at] as (typeof expected)[number];
          expect(hit.score, `${query} #${at}`).toBeCloseTo(want.score, 9);
          // Equal scores (to the last bits) may be reached in another order; anything else is the same hit.
          if (
            Math.abs(hit.score - want.score) > 1e-9 * want.score ||
            expected.filter((item) => Math.abs(item.score - hit.score) <= 1e-9 * hit.score).length === 1
          )
            expect({ ...hit, score: 0 }, `${query} #${at}`).toEqual({ ...want, score: 0 });
          if (exclude !== undefined) expect(hit.mission_id).not.toBe(exclude);
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('scores a fuzzy-only match (no exact or prefix term) as MiniSearch does', () => {
    const [hit] = ours.search('recipt', { limit: 1 });
    const [want] = reference('recipt', 1);
    expect(want).toBeDefined();
    expect(hit).toEqual({ ...want, score: expect.closeTo(want?.score ?? 0, 9) });
  });

  it('answers nothing for a blank query or an empty history', () => {
    expect(ours.search('   ')).toEqual([]);
    expect(caseIndexFromDocuments([]).search('anything')).toEqual([]);
    expect(ours.search('retry', { limit: 0 })).toEqual([]);
  });
});

function levenshtein(left: string, right: string): number {
  let previous = Array.from({ length: left.length + 1 }, (_, j) => j);
  for (let i = 1; i <= right.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= left.length; j += 1)
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (left[j - 1] === right[i - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[left.length] as number;
}

describe('boundedDistance', () => {
  it('is the edit distance when within the bound, and bound + 1 beyond it', () => {
    const row = new Int32Array(64);
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const word = () =>
      Array.from({ length: 1 + Math.floor(random() * 12) }, () => 'abcd'[Math.floor(random() * 4)]).join('');
    for (let round = 0; round < 5000; round += 1) {
      const left = word();
      const right =
        random() < 0.5 ? word() : left.slice(0, Math.floor(random() * left.length)) + word().slice(0, 2);
      const most = Math.floor(random() * 4);
      const exact = levenshtein(left, right);
      expect(boundedDistance(left, right, most, row), `${left} ${right} ${most}`).toBe(
        exact <= most ? exact : most + 1,
      );
    }
  });
});
