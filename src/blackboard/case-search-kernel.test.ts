import { describe, expect, it } from 'vitest';
import { createWindowSearch } from './case-search.js';
import type { KernelInput, SearchKernel } from './case-search-kernel.js';
import { jsKernel, wasmKernel } from './case-search-kernel.js';
import { rowsOf, segmentOf } from './case-segment.js';
import { buildCaseTerms } from './case-terms.js';

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Random postings of two segments over `documentCount` documents, document-ascending per run. */
function inputOf(
  seed: number,
  documentCount: number,
): { input: KernelInput; runs: Array<[0 | 1, number, number]> } {
  const next = random(seed);
  const low = Math.floor(next() * 1000);
  const runs: Array<[0 | 1, number, number]> = [];
  const postingsOf = (segment: 0 | 1) => {
    const pairs: number[] = [];
    for (let run = 0; run < 12; run += 1) {
      const from = pairs.length / 2;
      for (let document = 0; document < documentCount; document += 1)
        if (next() < 0.3) pairs.push(low + document, 1 + Math.floor(next() * next() * 9));
      runs.push([segment, from, pairs.length / 2]);
    }
    return Uint32Array.from(pairs);
  };
  const basePostings = postingsOf(0);
  const extraPostings = postingsOf(1);
  const fieldLengths = Uint32Array.from({ length: documentCount * 3 }, () => 1 + Math.floor(next() * 40));
  // Fuzzy tables: a permutation of the terms and masks of few bits (so some pass, some do not).
  const tablesOf = (count: number) => {
    const byLength = Uint32Array.from({ length: count }, (_, term) => term).sort(() => next() - 0.5);
    const masks = Uint32Array.from({ length: count }, () => {
      let mask = 0;
      for (let bit = 0; bit < 6; bit += 1) mask |= 1 << Math.floor(next() * 32);
      return mask >>> 0;
    });
    return { byLength, masks };
  };
  const tables = [tablesOf(300 + seed), tablesOf(seed * 3)] as const;
  return {
    input: {
      basePostings,
      extraPostings,
      fieldLengths,
      documentCount,
      low,
      termsOf: (segment) => tables[segment],
    },
    runs,
  };
}

/** Every double a kernel gives for the same calls, as bits. */
function drive(kernel: SearchKernel, seed: number, runs: Array<[0 | 1, number, number]>): string[] {
  const next = random(seed);
  const seen: string[] = [];
  const bits = (values: Float64Array, count: number) =>
    Buffer.from(values.buffer, values.byteOffset, count * 8).toString('hex');
  for (let search = 0; search < 3; search += 1) {
    let kept: ReturnType<SearchKernel['endSpec']>;
    for (let term = 0; term < 5; term += 1) {
      for (let call = 0; call < 4; call += 1) {
        const [segment, from, to] = runs[Math.floor(next() * runs.length)] as [0 | 1, number, number];
        kernelCall(
          kernel,
          segment,
          from,
          to,
          Math.floor(next() * 3),
          next() * 5,
          1 + next() * 30,
          next() * 3,
        );
      }
      const spec = kernel.endSpec(term === 1);
      if (spec !== undefined) {
        kept = spec;
        seen.push(`${Array.from(spec.documents).join(',')}:${bits(spec.scores, spec.scores.length)}`);
      }
      if (term === 3 && kept !== undefined) kernel.replay(kept);
    }
    const { count, documents, scores } = kernel.finish();
    seen.push(`${Array.from(documents.subarray(0, count)).join(',')}:${bits(scores, count)}`);
  }
  for (let call = 0; call < 40; call += 1) {
    const segment = call % 2 === 0 ? 0 : 1;
    const size = segment === 0 ? 300 + seed : seed * 3;
    const from = Math.floor(next() * size);
    const to = from + Math.floor(next() * (size - from + 1));
    let queryMask = 0;
    for (let bit = 0; bit < 5; bit += 1) queryMask |= 1 << Math.floor(next() * 32);
    const { count, terms } = kernel.filter(segment, from, to, queryMask >>> 0, Math.floor(next() * 5));
    seen.push(`filter ${Array.from(terms.subarray(0, count)).join(',')}`);
  }
  return seen;
}

function kernelCall(kernel: SearchKernel, ...args: Parameters<SearchKernel['accumulate']>) {
  kernel.accumulate(...args);
}

describe('the case search kernel', () => {
  it('gives in WebAssembly every double the JavaScript loops give, bit for bit', () => {
    for (let seed = 1; seed < 25; seed += 1) {
      const { input, runs } = inputOf(seed, 50 + seed * 13);
      const wasm = wasmKernel(input);
      expect(wasm).toBeDefined();
      expect(drive(wasm as SearchKernel, seed, runs)).toEqual(drive(jsKernel(input), seed, runs));
    }
  });

  it('answers a whole search the same either way', () => {
    const words = ['retry', 'retries', 'retr', 'logic', 'the', 'payment', 'client', 'module', 'rounding'];
    const next = random(3);
    const fields = Array.from({ length: 700 }, () =>
      [0, 1, 2].map(() =>
        Array.from({ length: Math.floor(next() * 9) }, () => words[Math.floor(next() * 9)]).join(' '),
      ),
    );
    const terms = buildCaseTerms(fields.length, (document, field) => fields[document]?.[field] ?? '');
    const rows = rowsOf({
      missionIds: fields.map((_, index) => `mi_${index % 7}`),
      seqs: fields.map((_, index) => index),
      summaries: fields.map((item) => item[0] as string),
    });
    const parts = {
      base: segmentOf(buildCaseTerms(0, () => '')),
      first: 0,
      last: 0,
      extra: segmentOf(terms),
    };
    const wasm = createWindowSearch(parts, rows, (input) => wasmKernel(input) as SearchKernel);
    const js = createWindowSearch(parts, rows, jsKernel);
    for (const query of ['retry logic retry the', 'retrie paymnt', 'the the module', 'rounding client retry'])
      for (const limit of [1, 5, 700]) expect(wasm(query, limit, 'mi_2')).toEqual(js(query, limit, 'mi_2'));
  });
});
