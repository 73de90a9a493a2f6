import { type Bm25Spanner, createTermCollector, runningAverages, sortPostings } from './bm25-collect.js';
import type { FrequencyArray } from './bm25-frequencies.js';

export type { Bm25Spanner } from './bm25-collect.js';

/**
 * A compact BM25+ index over documents with a few fields, scored exactly as MiniSearch 7 scores
 * them with `prefix: true`, `combineWith: 'OR'`, per-field boosts and a per-document weight (the
 * options the workspace index used MiniSearch with): the same formula, parameters, field lengths
 * (distinct raw tokens), running average and prefix weights. What differs is the layout: sorted
 * terms and one typed array of postings instead of a radix tree of Maps, so building, storing and
 * loading it costs a fraction of the time and memory, and the index is plain arrays a cache can
 * write as bytes. Prefix matches are visited in sorted term order (MiniSearch: tree order), so a
 * score can differ in its last bits, never more.
 */

/** BM25+ parameters, MiniSearch's defaults. */
const K = 1.2;
const B = 0.7;
const D = 0.5;
/** Weight of a prefix match at distance 0 (MiniSearch's `weights.prefix`). */
const PREFIX_WEIGHT = 0.375;

/** Everything the index is made of, as plain data. */
export interface Bm25Data {
  documentCount: number;
  fieldCount: number;
  /** Average field length per field, computed as a running mean in document order. */
  averageFieldLength: number[];
  /** Distinct lower-cased terms, sorted. */
  terms: string[];
  /** `terms.length * fieldCount + 1` offsets into the postings: term-major, then field. */
  offsets: Uint32Array;
  /** Each posting's document, ascending within one term and field. */
  documents: Uint32Array;
  /** Each posting's frequency (as `documents`): one byte each when all fit, else 16 or 32 bits. */
  frequencies: FrequencyArray;
  /** Distinct raw tokens per document and field (`document * fieldCount + field`). */
  fieldLengths: Uint32Array;
}

export interface Bm25Options {
  /** Boost per field, in field order. */
  boosts: readonly number[];
  tokenize: (text: string) => string[];
  /** Multiplies every score of a document (MiniSearch's `boostDocument`). */
  documentWeight: (document: number) => number;
}

export interface Bm25Hit {
  document: number;
  score: number;
}

/**
 * Builds the data of `documentCount` documents; `fieldValue(document, field)` gives each field's
 * text, `spanner` where its tokens are.
 */
export function buildBm25(
  documentCount: number,
  fieldCount: number,
  fieldValue: (document: number, field: number) => string,
  spanner: Bm25Spanner,
): Bm25Data {
  const collector = createTermCollector(fieldCount, spanner);
  const fieldLengths = new Uint32Array(documentCount * fieldCount);
  for (let document = 0; document < documentCount; document += 1)
    for (let field = 0; field < fieldCount; field += 1)
      fieldLengths[document * fieldCount + field] = collector.add(
        document,
        field,
        fieldValue(document, field),
      );
  const { terms, rank } = collector.ranked();
  const { offsets, documents, frequencies } = sortPostings(
    collector.collected(),
    rank,
    terms.length,
    fieldCount,
  );
  // The collection's blocks and tables (~17 MB at 5k files) are garbage now: freed at once, not
  // left in resident memory until a full collection the rest of the mission may never reach.
  collector.release();
  const averageFieldLength = runningAverages(fieldLengths, documentCount, fieldCount);
  return {
    documentCount,
    fieldCount,
    averageFieldLength,
    terms,
    offsets,
    documents,
    frequencies,
    fieldLengths,
  };
}

/** Why stored data cannot be an index (wrong sizes), or undefined when it is consistent. */
export function bm25DataProblem(data: Bm25Data): string | undefined {
  const { documentCount, fieldCount, terms, offsets, documents, frequencies, fieldLengths } = data;
  if (fieldLengths.length !== documentCount * fieldCount) return 'fieldLengths has the wrong size';
  if (data.averageFieldLength.length !== fieldCount) return 'averageFieldLength has the wrong size';
  if (offsets.length !== terms.length * fieldCount + 1) return 'offsets has the wrong size';
  if (offsets[offsets.length - 1] !== documents.length) return 'offsets do not end at the postings';
  if (frequencies.length !== documents.length) return 'frequencies and documents differ';
  for (let index = 1; index < offsets.length; index += 1)
    if ((offsets[index] as number) < (offsets[index - 1] as number)) return 'offsets are not ascending';
  for (let index = 0; index < documents.length; index += 1)
    if ((documents[index] as number) >= documentCount) return 'a posting names a missing document';
  return undefined;
}

/**
 * A search: hits by descending score, ties in MiniSearch's order (first reached first). With
 * `limit`, only the best `limit` hits that `accept` takes (default all), in the same order as the
 * head of the full list filtered by `accept`, without sorting every matching document.
 */
export type Bm25SearchFn = (
  query: string,
  limit?: number,
  accept?: (document: number) => boolean,
) => Bm25Hit[];

/** Searches `data` (see {@link Bm25SearchFn}). */
export function createBm25Search(data: Bm25Data, options: Bm25Options): Bm25SearchFn {
  const {
    documentCount,
    fieldCount,
    averageFieldLength,
    terms,
    offsets,
    documents,
    frequencies,
    fieldLengths,
  } = data;
  const weights = new Float64Array(documentCount);
  for (let document = 0; document < documentCount; document += 1)
    weights[document] = options.documentWeight(document);
  const boosts = options.boosts;
  // Per-document scratch, reused by every query and cleared through the lists of touched documents:
  // the score of the current query term, the combined score, the distinct query terms matched.
  const termScore = new Float64Array(documentCount);
  const combined = new Float64Array(documentCount);
  const matched = new Uint32Array(documentCount);
  const inTerm = new Uint8Array(documentCount);
  const inCombined = new Uint8Array(documentCount);
  /** Documents in the order first reached (per term, and over the whole query). */
  const termOrder = new Uint32Array(documentCount);
  const combinedOrder = new Uint32Array(documentCount);
  let termCount = 0;
  let combinedCount = 0;

  const termResults = (term: number, termWeight: number) => {
    for (let field = 0; field < fieldCount; field += 1) {
      const from = offsets[term * fieldCount + field] as number;
      const to = offsets[term * fieldCount + field + 1] as number;
      const matching = to - from;
      if (matching === 0) continue;
      const average = averageFieldLength[field] as number;
      const fieldBoost = boosts[field] ?? 1;
      const inverse = Math.log(1 + (documentCount - matching + 0.5) / (matching + 0.5));
      for (let posting = from; posting < to; posting += 1) {
        const document = documents[posting] as number;
        const docBoost = weights[document] as number;
        if (!docBoost) continue;
        const frequency = frequencies[posting] as number;
        const length = fieldLengths[document * fieldCount + field] as number;
        const raw =
          inverse * (D + (frequency * (K + 1)) / (frequency + K * (1 - B + (B * length) / average)));
        const weighted = termWeight * 1 * fieldBoost * docBoost * raw;
        if (inTerm[document] === 0) {
          inTerm[document] = 1;
          termScore[document] = weighted;
          termOrder[termCount] = document;
          termCount += 1;
        } else termScore[document] = (termScore[document] as number) + weighted;
      }
    }
  };

  /** The first term `>= prefix` (binary search over the sorted terms). */
  const lowerBound = (prefix: string) => {
    let low = 0;
    let high = terms.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((terms[middle] as string) < prefix) low = middle + 1;
      else high = middle;
    }
    return low;
  };

  /** Adds the current term's scores into the query's (in the order MiniSearch merges its maps). */
  const mergeTerm = (counts: boolean) => {
    for (let at = 0; at < termCount; at += 1) {
      const document = termOrder[at] as number;
      inTerm[document] = 0;
      if (inCombined[document] === 0) {
        inCombined[document] = 1;
        combined[document] = termScore[document] as number;
        combinedOrder[combinedCount] = document;
        combinedCount += 1;
      } else combined[document] = (combined[document] as number) + (termScore[document] as number);
      // A repeated query term reaches the same documents again: it adds score, not a matched term.
      if (counts) matched[document] = (matched[document] as number) + 1;
    }
    termCount = 0;
  };

  return (query, limit, accept) => {
    const queryTerms = options
      .tokenize(query)
      .map((token) => token.toLowerCase())
      .filter((term) => term !== '');
    const seen = new Set<string>();
    for (const queryTerm of queryTerms) {
      const first = lowerBound(queryTerm);
      if (terms[first] === queryTerm) termResults(first, 1);
      for (let term = first; term < terms.length; term += 1) {
        const text = terms[term] as string;
        if (!text.startsWith(queryTerm)) break;
        const distance = text.length - queryTerm.length;
        if (distance === 0) continue;
        termResults(term, (PREFIX_WEIGHT * text.length) / (text.length + 0.3 * distance));
      }
      mergeTerm(!seen.has(queryTerm));
      seen.add(queryTerm);
    }
    const hits: Bm25Hit[] = [];
    for (let at = 0; at < combinedCount; at += 1) {
      const document = combinedOrder[at] as number;
      const score = (combined[document] as number) * ((matched[document] as number) || 1);
      inCombined[document] = 0;
      matched[document] = 0;
      if (limit === undefined) hits.push({ document, score });
      else if (hits.length < limit || (hits[limit - 1] as Bm25Hit).score < score) {
        // Only a hit that would rank is asked about.
        if (accept === undefined || accept(document)) keepBest(hits, { document, score }, limit);
      }
    }
    combinedCount = 0;
    return limit === undefined ? hits.sort((left, right) => right.score - left.score) : hits;
  };
}

/**
 * Keeps `best` the `limit` highest hits seen, by descending score, an equal score after the hits
 * seen before it (what a stable sort of every hit would give).
 */
function keepBest(best: Bm25Hit[], hit: Bm25Hit, limit: number): void {
  if (limit <= 0) return;
  if (best.length === limit && (best[limit - 1] as Bm25Hit).score >= hit.score) return;
  let at = best.length;
  while (at > 0 && (best[at - 1] as Bm25Hit).score < hit.score) at -= 1;
  best.splice(at, 0, hit);
  if (best.length > limit) best.pop();
}
