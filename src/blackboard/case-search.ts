import type { SimilarCase } from '../contracts/index.js';
import type { CaseTerms } from './case-terms.js';
import { boundedDistance, CASE_FIELD_COUNT, CASE_TOKEN_SEPARATOR } from './case-terms.js';
import type { CaseIndex } from './create-case-index.js';

/** BM25+ parameters (MiniSearch's defaults). */
const K = 1.2;
const B = 0.7;
const D = 0.5;
/** Field boosts in field order: the summary says what the step concluded. */
const BOOSTS = [2, 1, 1] as const;
/** MiniSearch's weights for a prefix and a fuzzy match, and its `fuzzy: 0.1`, `maxFuzzy: 6`. */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const FUZZY = 0.1;
const MAX_FUZZY = 6;

/** What a hit shows of its document, one entry per document. */
export interface CaseColumns {
  missionIds: readonly string[];
  seqs: readonly number[];
  summaries: readonly string[];
}

/** The columns of documents given as objects. */
export function caseColumnsOf(
  documents: ReadonlyArray<{ mission_id: string; seq: number; summary: string }>,
): CaseColumns {
  return {
    missionIds: documents.map((document) => document.mission_id),
    seqs: documents.map((document) => document.seq),
    summaries: documents.map((document) => document.summary),
  };
}

export type CaseSearchFn = (text: string, limit: number, excludeMissionId?: string) => SimilarCase[];

/**
 * The case search over `terms`, scored as MiniSearch 7 scores `search(text, { boost: { summary: 2 },
 * prefix: true, fuzzy: 0.1 })` with the default OR: per query term the exact term (weight 1), every
 * longer term it prefixes (`0.375·len/(len + 0.3·extra)`) and every other term within
 * `round(0.1·length)` edits (`0.45·len/(len + distance)`); BM25+ per field with the field's boost;
 * the sum times the number of distinct query terms matched. Hits tie in the order first reached.
 * The only difference from MiniSearch: derived terms are visited in sorted order (its tree order
 * may differ), so a score can differ in its last bits, and equal scores may be reached in another
 * order.
 */
export function createCaseSearch(terms: CaseTerms, columns: CaseColumns): CaseSearchFn {
  const { documentCount, firstDocument, averageFieldLength, offsets, postings, fieldLengths } = terms;
  const vocabulary = terms.terms;
  const specScore = new Float64Array(documentCount);
  const combined = new Float64Array(documentCount);
  const matched = new Uint32Array(documentCount);
  const inSpec = new Uint8Array(documentCount);
  const inCombined = new Uint8Array(documentCount);
  const specOrder = new Uint32Array(documentCount);
  const combinedOrder = new Uint32Array(documentCount);
  let specCount = 0;
  let combinedCount = 0;
  // Terms by length, for the fuzzy candidates (a term within d edits is within d in length), and
  // per term the set of its characters folded to 32 bits.
  let byLength: Map<number, number[]> | undefined;
  let masks: Uint32Array | undefined;
  let row = new Int32Array(64);

  const addTerm = (term: number, weight: number) => {
    for (let field = 0; field < CASE_FIELD_COUNT; field += 1) {
      const from = offsets[term * CASE_FIELD_COUNT + field] as number;
      const to = offsets[term * CASE_FIELD_COUNT + field + 1] as number;
      const matching = to - from;
      if (matching === 0) continue;
      const average = averageFieldLength[field] as number;
      const boost = BOOSTS[field] as number;
      const inverse = Math.log(1 + (documentCount - matching + 0.5) / (matching + 0.5));
      for (let pair = from * 2; pair < to * 2; pair += 2) {
        const document = (postings[pair] as number) - firstDocument;
        const frequency = postings[pair + 1] as number;
        const length = fieldLengths[document * CASE_FIELD_COUNT + field] as number;
        const raw =
          inverse * (D + (frequency * (K + 1)) / (frequency + K * (1 - B + (B * length) / average)));
        const weighted = weight * 1 * boost * 1 * raw;
        if (inSpec[document] === 0) {
          inSpec[document] = 1;
          specScore[document] = weighted;
          specOrder[specCount] = document;
          specCount += 1;
        } else specScore[document] = (specScore[document] as number) + weighted;
      }
    }
  };

  const lowerBound = (prefix: string) => {
    let low = 0;
    let high = vocabulary.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((vocabulary[middle] as string) < prefix) low = middle + 1;
      else high = middle;
    }
    return low;
  };

  const fuzzyCandidates = (length: number): readonly number[] => {
    if (byLength === undefined) {
      byLength = new Map();
      masks = new Uint32Array(vocabulary.length);
      for (const [term, text] of vocabulary.entries()) {
        masks[term] = characterMask(text);
        const list = byLength.get(text.length);
        if (list === undefined) byLength.set(text.length, [term]);
        else list.push(term);
      }
    }
    return byLength.get(length) ?? [];
  };

  /**
   * One query term's matches (MiniSearch's `executeQuerySpec`), merged into the query's (its OR),
   * counted as one more distinct term matched; kept in `keep` when the term comes again.
   */
  const querySpec = (
    queryTerm: string,
    keep: Map<string, { documents: Uint32Array; scores: Float64Array }> | undefined,
  ) => {
    const first = lowerBound(queryTerm);
    if (vocabulary[first] === queryTerm) addTerm(first, 1);
    for (let term = first; term < vocabulary.length; term += 1) {
      const text = vocabulary[term] as string;
      if (!text.startsWith(queryTerm)) break;
      const extra = text.length - queryTerm.length;
      if (extra === 0) continue;
      addTerm(term, (PREFIX_WEIGHT * text.length) / (text.length + 0.3 * extra));
    }
    const most = Math.min(MAX_FUZZY, Math.round(queryTerm.length * FUZZY));
    if (most > 0) {
      if (row.length <= queryTerm.length) row = new Int32Array(queryTerm.length * 2 + 1);
      const queryMask = characterMask(queryTerm);
      for (let length = queryTerm.length - most; length <= queryTerm.length + most; length += 1) {
        const candidates = fuzzyCandidates(length);
        for (let at = 0; at < candidates.length; at += 1) {
          const term = candidates[at] as number;
          // Each edit adds or removes at most one character: more than `most` characters of one
          // word missing from the other (even folded) is more than `most` edits.
          const mask = (masks as Uint32Array)[term] as number;
          if (bitCount(queryMask & ~mask) > most || bitCount(mask & ~queryMask) > most) continue;
          const text = vocabulary[term] as string;
          // A term the query term prefixes (itself included) was scored above, as a prefix match.
          if (text.startsWith(queryTerm)) continue;
          const distance = boundedDistance(queryTerm, text, most, row);
          if (distance > most) continue;
          addTerm(term, (FUZZY_WEIGHT * text.length) / (text.length + distance));
        }
      }
    }
    if (keep !== undefined) {
      const documents = specOrder.slice(0, specCount);
      keep.set(queryTerm, {
        documents,
        scores: Float64Array.from(documents, (document) => specScore[document] as number),
      });
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
  };

  return (text, limit, excludeMissionId) => {
    const queryTerms = text
      .split(CASE_TOKEN_SEPARATOR)
      .map((token) => token.toLowerCase())
      .filter((term) => term !== '');
    // A query term said again adds the same scores again (MiniSearch runs it again): they are
    // kept from its first time instead of computed twice.
    const left = new Map<string, number>();
    for (const queryTerm of queryTerms) left.set(queryTerm, (left.get(queryTerm) ?? 0) + 1);
    const again = new Map<string, { documents: Uint32Array; scores: Float64Array }>();
    for (const queryTerm of queryTerms) {
      const repeat = again.get(queryTerm);
      const remaining = (left.get(queryTerm) as number) - 1;
      left.set(queryTerm, remaining);
      if (repeat !== undefined) {
        const { documents, scores } = repeat;
        for (let at = 0; at < documents.length; at += 1) {
          const document = documents[at] as number;
          combined[document] = (combined[document] as number) + (scores[at] as number);
        }
        continue;
      }
      querySpec(queryTerm, remaining > 0 ? again : undefined);
    }
    const best: Array<{ document: number; score: number }> = [];
    for (let at = 0; at < combinedCount; at += 1) {
      const document = combinedOrder[at] as number;
      const score = (combined[document] as number) * ((matched[document] as number) || 1);
      inCombined[document] = 0;
      matched[document] = 0;
      if (limit <= 0) continue;
      if (best.length === limit && (best[limit - 1] as { score: number }).score >= score) continue;
      if (excludeMissionId !== undefined && columns.missionIds[document] === excludeMissionId) continue;
      // Kept by descending score, an equal score after the hits before it (a stable sort's order).
      let place = best.length;
      while (place > 0 && (best[place - 1] as { score: number }).score < score) place -= 1;
      best.splice(place, 0, { document, score });
      if (best.length > limit) best.pop();
    }
    combinedCount = 0;
    return best.map(({ document, score }) => ({
      mission_id: columns.missionIds[document] as string,
      seq: columns.seqs[document] as number,
      summary: columns.summaries[document] as string,
      score,
    }));
  };
}

/** The characters of `text`, each as bit `code mod 32`. */
function characterMask(text: string): number {
  let mask = 0;
  for (let at = 0; at < text.length; at += 1) mask |= 1 << (text.charCodeAt(at) & 31);
  return mask >>> 0;
}

function bitCount(value: number): number {
  let bits = value - ((value >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (((bits + (bits >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Searches kept per index: a mission asks a handful, lanes often the same. */
const REMEMBERED = 64;

/**
 * The case index over `terms` and `columns`. The index never changes, so a repeated search (lanes of
 * one mission asking with the same objective and observations) is answered from the first one's
 * result, keyed by the whole query (text, limit and excluded mission), each hit a fresh copy.
 */
export function caseIndexOf(terms: CaseTerms, columns: CaseColumns): CaseIndex {
  const search = createCaseSearch(terms, columns);
  const remembered = new Map<string, SimilarCase[]>();
  return {
    size: columns.missionIds.length,
    search(text, options = {}) {
      if (text.trim() === '') return [];
      const limit = options.limit ?? 5;
      const key = JSON.stringify([text, limit, options.excludeMissionId ?? null]);
      let found = remembered.get(key);
      if (found === undefined) {
        found = search(text, limit, options.excludeMissionId);
        if (remembered.size >= REMEMBERED) remembered.clear();
        remembered.set(key, found);
      }
      return found.map((hit) => ({ ...hit }));
    },
  };
}
