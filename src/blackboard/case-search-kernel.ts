import type { Bm25Constants, CaseSearchWasm } from './case-search-wasm.js';
import { instantiateCaseSearchWasm } from './case-search-wasm.js';

/** BM25+ parameters (MiniSearch's defaults), and the constants the loops use, computed once. */
const K = 1.2;
const B = 0.7;
const D = 0.5;
export const BM25: Bm25Constants = { d: D, kPlusOne: K + 1, k: K, oneMinusB: 1 - B, b: B };

/** A spec's documents and scores, kept for a query term said again. */
export interface KeptSpec {
  documents: Uint32Array;
  scores: Float64Array;
}

/**
 * The case search's per-document loops (`createWindowSearch` does the rest): postings scored into
 * the current query term's spec, the spec merged into the query's sums, and the final scores. One
 * kernel per index; its arrays are reused from search to search (each ends with them cleared).
 */
export interface SearchKernel {
  /** Adds postings pairs `[from, to)` of segment 0 (the base) or 1 (the extra) of one field. */
  accumulate(
    segment: 0 | 1,
    from: number,
    to: number,
    field: number,
    inverse: number,
    average: number,
    scale: number,
  ): void;
  /** Merges the spec into the query's sums (one more distinct term matched), a copy kept when asked. */
  endSpec(keep: boolean): KeptSpec | undefined;
  /** Adds a kept spec's scores again (a query term said again). */
  replay(spec: KeptSpec): void;
  /** The matched documents in the order first reached, and their final scores; all marks cleared. */
  finish(): { count: number; documents: Uint32Array; scores: Float64Array };
  /**
   * The fuzzy candidates of a segment's terms `byLength[from, to)`: those whose character mask has
   * at most `most` characters the query's lacks and the query's at most `most` it lacks, in order
   * (the array is reused by the next call).
   */
  filter(
    segment: 0 | 1,
    from: number,
    to: number,
    queryMask: number,
    most: number,
  ): { count: number; terms: Uint32Array };
}

/** A segment's fuzzy tables (`CaseVocabulary.byLength()` and `masks()`). */
export interface KernelTerms {
  byLength: Uint32Array;
  masks: Uint32Array;
}

function bitCount(value: number): number {
  let bits = value - ((value >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (((bits + (bits >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export interface KernelInput {
  basePostings: Uint32Array;
  extraPostings: Uint32Array;
  /** Field lengths of the covered documents (`document * 3 + field`). */
  fieldLengths: Uint32Array;
  documentCount: number;
  /** The postings' number of covered document 0. */
  low: number;
  /** The base's and the extra's fuzzy tables, asked for when a query first needs them. */
  termsOf: (segment: 0 | 1) => KernelTerms;
}

/** The WebAssembly kernel where it can run, else the JavaScript one (the same doubles either way). */
export function createSearchKernel(input: KernelInput): SearchKernel {
  return wasmKernel(input) ?? jsKernel(input);
}

/** The loops in JavaScript: the reference the WebAssembly ones are held to. */
export function jsKernel(input: KernelInput): SearchKernel {
  const { fieldLengths, documentCount, low } = input;
  const postingsOf = [input.basePostings, input.extraPostings] as const;
  const specScore = new Float64Array(documentCount);
  const combined = new Float64Array(documentCount);
  const matched = new Uint32Array(documentCount);
  const inSpec = new Uint8Array(documentCount);
  const inCombined = new Uint8Array(documentCount);
  const specOrder = new Uint32Array(documentCount);
  const combinedOrder = new Uint32Array(documentCount);
  const out = new Float64Array(documentCount);
  let specCount = 0;
  let combinedCount = 0;
  let candidates = new Uint32Array(64);
  return {
    filter(segment, from, to, queryMask, most) {
      const { byLength, masks } = input.termsOf(segment);
      if (candidates.length < to - from) candidates = new Uint32Array(to - from);
      let count = 0;
      for (let at = from; at < to; at += 1) {
        const term = byLength[at] as number;
        const mask = masks[term] as number;
        if (bitCount(queryMask & ~mask) > most || bitCount(mask & ~queryMask) > most) continue;
        candidates[count] = term;
        count += 1;
      }
      return { count, terms: candidates };
    },
    accumulate(segment, from, to, field, inverse, average, scale) {
      const postings = postingsOf[segment];
      for (let pair = from * 2; pair < to * 2; pair += 2) {
        const document = (postings[pair] as number) - low;
        const frequency = postings[pair + 1] as number;
        const length = fieldLengths[document * 3 + field] as number;
        const raw =
          inverse * (D + (frequency * (K + 1)) / (frequency + K * (1 - B + (B * length) / average)));
        const weighted = scale * raw;
        if (inSpec[document] === 0) {
          inSpec[document] = 1;
          specScore[document] = weighted;
          specOrder[specCount] = document;
          specCount += 1;
        } else specScore[document] = (specScore[document] as number) + weighted;
      }
    },
    endSpec(keep) {
      let kept: KeptSpec | undefined;
      if (keep) {
        const documents = specOrder.slice(0, specCount);
        kept = {
          documents,
          scores: Float64Array.from(documents, (document) => specScore[document] as number),
        };
      }
      for (let at = 0; at < specCount; at += 1) {
        const document = specOrder[at] as number;
        inSpec[document] = 0;
        if (inCombined[document] === 0) {
          inCombined[document] = 1;
          combined[document] = specScore[document] as number;
          combinedOrder[combinedCount] = document;
          combinedCount += 1;
        } else combined[document] = (combined[document] as number) + (specScore[document] as number);
        matched[document] = (matched[document] as number) + 1;
      }
      specCount = 0;
      return kept;
    },
    replay({ documents, scores }) {
      for (let at = 0; at < documents.length; at += 1) {
        const document = documents[at] as number;
        combined[document] = (combined[document] as number) + (scores[at] as number);
      }
    },
    finish() {
      for (let at = 0; at < combinedCount; at += 1) {
        const document = combinedOrder[at] as number;
        out[at] = (combined[document] as number) * ((matched[document] as number) || 1);
        inCombined[document] = 0;
        matched[document] = 0;
      }
      const count = combinedCount;
      combinedCount = 0;
      return { count, documents: combinedOrder, scores: out };
    },
  };
}

const align = (value: number) => Math.ceil(value / 8) * 8;

/** The loops in WebAssembly over one memory holding the postings, field lengths and work arrays. */
export function wasmKernel(input: KernelInput): SearchKernel | undefined {
  const wasm: CaseSearchWasm | undefined = instantiateCaseSearchWasm(BM25);
  if (wasm === undefined) return undefined;
  const n = input.documentCount;
  const postingsAt = [0, align(input.basePostings.byteLength)] as const;
  const lengthsAt = align(postingsAt[1] + input.extraPostings.byteLength);
  const specScoreAt = align(lengthsAt + input.fieldLengths.byteLength);
  const combinedAt = specScoreAt + 8 * n;
  const outAt = combinedAt + 8 * n;
  const keptScoresAt = outAt + 8 * n;
  const matchedAt = keptScoresAt + 8 * n;
  const specOrderAt = matchedAt + 4 * n;
  const combinedOrderAt = specOrderAt + 4 * n;
  const keptDocumentsAt = combinedOrderAt + 4 * n;
  const inSpecAt = keptDocumentsAt + 4 * n;
  const inCombinedAt = inSpecAt + n;
  // The fuzzy tables of both segments and room for one length's candidates.
  const tables = [input.termsOf(0), input.termsOf(1)] as const;
  const baseByLengthAt = align(inCombinedAt + n);
  const extraByLengthAt = baseByLengthAt + tables[0].byLength.byteLength;
  const baseMasksAt = extraByLengthAt + tables[1].byLength.byteLength;
  const extraMasksAt = baseMasksAt + tables[0].masks.byteLength;
  const byLengthAt = [baseByLengthAt, extraByLengthAt] as const;
  const masksAt = [baseMasksAt, extraMasksAt] as const;
  const candidatesAt = extraMasksAt + tables[1].masks.byteLength;
  const bytes = candidatesAt + 4 * Math.max(tables[0].byLength.length, tables[1].byLength.length);
  const pages = Math.ceil(bytes / 65_536) - wasm.memory.buffer.byteLength / 65_536;
  try {
    if (pages > 0) wasm.memory.grow(pages);
  } catch {
    // No memory for it (a RangeError): the JavaScript loops answer the same.
    return undefined;
  }
  const memory = wasm.memory.buffer;
  new Uint32Array(memory, postingsAt[0], input.basePostings.length).set(input.basePostings);
  new Uint32Array(memory, postingsAt[1], input.extraPostings.length).set(input.extraPostings);
  new Uint32Array(memory, lengthsAt, input.fieldLengths.length).set(input.fieldLengths);
  for (const segment of [0, 1] as const) {
    const { byLength, masks } = tables[segment];
    new Uint32Array(memory, byLengthAt[segment], byLength.length).set(byLength);
    new Uint32Array(memory, masksAt[segment], masks.length).set(masks);
  }
  const candidates = new Uint32Array(
    memory,
    candidatesAt,
    Math.max(tables[0].byLength.length, tables[1].byLength.length),
  );
  const out = new Float64Array(memory, outAt, n);
  const combinedOrder = new Uint32Array(memory, combinedOrderAt, n);
  const keptScores = new Float64Array(memory, keptScoresAt, n);
  const keptDocuments = new Uint32Array(memory, keptDocumentsAt, n);
  let specCount = 0;
  let combinedCount = 0;
  return {
    filter(segment, from, to, queryMask, most) {
      const count = wasm.filter(
        byLengthAt[segment],
        from,
        to,
        masksAt[segment],
        queryMask | 0,
        most,
        candidatesAt,
      );
      return { count, terms: candidates };
    },
    accumulate(segment, from, to, field, inverse, average, scale) {
      specCount = wasm.accumulate(
        postingsAt[segment],
        from,
        to,
        input.low,
        lengthsAt,
        field,
        inverse,
        average,
        scale,
        specScoreAt,
        inSpecAt,
        specOrderAt,
        specCount,
      );
    },
    endSpec(keep) {
      let kept: KeptSpec | undefined;
      if (keep) {
        wasm.gather(specOrderAt, specCount, specScoreAt, keptDocumentsAt, keptScoresAt);
        kept = { documents: keptDocuments.slice(0, specCount), scores: keptScores.slice(0, specCount) };
      }
      combinedCount = wasm.merge(
        specOrderAt,
        specCount,
        inSpecAt,
        specScoreAt,
        inCombinedAt,
        combinedAt,
        combinedOrderAt,
        combinedCount,
        matchedAt,
      );
      specCount = 0;
      return kept;
    },
    replay({ documents, scores }) {
      keptDocuments.set(documents);
      keptScores.set(scores);
      wasm.replay(keptDocumentsAt, keptScoresAt, documents.length, combinedAt);
    },
    finish() {
      wasm.finish(combinedOrderAt, combinedCount, combinedAt, matchedAt, inCombinedAt, outAt);
      const count = combinedCount;
      combinedCount = 0;
      return { count, documents: combinedOrder, scores: out };
    },
  };
}
