/**
 * The term layout of the case index: sorted terms and typed arrays of postings, built from the
 * case documents' fields with MiniSearch 7's default tokenizer and term processing (split on
 * newlines, separators and punctuation; lower-cased; empty terms dropped; a field's length is its
 * number of distinct raw tokens, the empty one included), so the index scores as MiniSearch did
 * over the same documents (see `case-search.ts`). One difference: the mean field length is the
 * exact total over the count, where MiniSearch kept a running mean (equal but for the last bits).
 */

/** MiniSearch's `SPACE_OR_PUNCTUATION`: where a field's text is split into tokens. */
export const CASE_TOKEN_SEPARATOR = /[\n\r\p{Z}\p{P}]+/u;

/** Fields in order: summary, phase, details. */
export const CASE_FIELD_COUNT = 3;

export interface CaseTerms {
  documentCount: number;
  /**
   * The number postings give the first document: document `i` of the arrays below is `firstDocument
   * + i` in `postings`, so documents kept from one window to the next keep their numbers and their
   * postings are copied as they are.
   */
  firstDocument: number;
  /** Sum of the field lengths per field (integers: kept exact when documents come and go). */
  fieldLengthTotals: number[];
  /** Mean field length per field: the total over the document count (0 without documents). */
  averageFieldLength: number[];
  /** Distinct lower-cased terms, sorted by code unit. */
  terms: string[];
  /** `terms.length * CASE_FIELD_COUNT + 1` offsets (in pairs) into `postings`: term-major, then field. */
  offsets: Uint32Array;
  /** `[firstDocument + document, frequency]` pairs, documents ascending within one term and field. */
  postings: Uint32Array;
  /** Distinct raw tokens per document and field (`document * CASE_FIELD_COUNT + field`). */
  fieldLengths: Uint32Array;
}

/** A typed array twice as long (at least `needed`), holding `array`'s values. */
function grown<T extends Uint32Array | Int32Array>(array: T, needed: number): T {
  const next = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}

/**
 * Builds the terms of `documentCount` documents; `fieldText(document, field)` gives each field, and
 * postings number them from `firstDocument`.
 */
export function buildCaseTerms(
  documentCount: number,
  fieldText: (document: number, field: number) => string,
  firstDocument = 0,
): CaseTerms {
  // Each distinct raw token once: its term (-1 for the empty one) and the last field it was seen in,
  // so a token is lower-cased once per spelling and no Set or Map is made per field.
  const rawIds = new Map<string, number>();
  let rawTerm = new Int32Array(4096);
  let rawSeen = new Uint32Array(4096);
  const termIds = new Map<string, number>();
  /** Per term: the last field it was counted in, and its frequency there. */
  let termSeen = new Uint32Array(4096);
  let termFrequency = new Uint32Array(4096);
  let touched = new Uint32Array(256);
  // Postings as flat triples (term * fields + field, document, frequency) in document order.
  let triples = new Uint32Array(3 * 16_384);
  let used = 0;
  const fieldLengths = new Uint32Array(documentCount * CASE_FIELD_COUNT);
  const fieldLengthTotals = new Array<number>(CASE_FIELD_COUNT).fill(0);
  for (let document = 0; document < documentCount; document += 1) {
    for (let field = 0; field < CASE_FIELD_COUNT; field += 1) {
      const stamp = document * CASE_FIELD_COUNT + field + 1;
      const tokens = fieldText(document, field).split(CASE_TOKEN_SEPARATOR);
      let length = 0;
      let distinct = 0;
      for (const token of tokens) {
        let raw = rawIds.get(token);
        if (raw === undefined) {
          raw = rawIds.size;
          rawIds.set(token, raw);
          if (raw >= rawTerm.length) {
            rawTerm = grown(rawTerm, raw + 1);
            rawSeen = grown(rawSeen, raw + 1);
          }
          const term = token.toLowerCase();
          let id = -1;
          if (term !== '') {
            id = termIds.get(term) ?? termIds.size;
            if (id === termIds.size) {
              termIds.set(term, id);
              if (id >= termSeen.length) {
                termSeen = grown(termSeen, id + 1);
                termFrequency = grown(termFrequency, id + 1);
              }
            }
          }
          rawTerm[raw] = id;
        }
        if (rawSeen[raw] !== stamp) {
          rawSeen[raw] = stamp;
          length += 1;
        }
        const id = rawTerm[raw] as number;
        if (id === -1) continue;
        if (termSeen[id] !== stamp) {
          termSeen[id] = stamp;
          termFrequency[id] = 1;
          if (distinct >= touched.length) touched = grown(touched, distinct + 1);
          touched[distinct] = id;
          distinct += 1;
        } else termFrequency[id] = (termFrequency[id] as number) + 1;
      }
      fieldLengths[document * CASE_FIELD_COUNT + field] = length;
      fieldLengthTotals[field] = (fieldLengthTotals[field] as number) + length;
      if (used + distinct * 3 > triples.length) triples = grown(triples, used + distinct * 3);
      for (let index = 0; index < distinct; index += 1) {
        const id = touched[index] as number;
        triples[used] = id * CASE_FIELD_COUNT + field;
        triples[used + 1] = document;
        triples[used + 2] = termFrequency[id] as number;
        used += 3;
      }
    }
  }
  const terms = [...termIds.keys()].sort();
  const rank = new Uint32Array(termIds.size);
  for (const [position, term] of terms.entries()) rank[termIds.get(term) as number] = position;
  // Counting sort of the triples by (term rank, field); stable, so documents stay ascending.
  const slotOf = (slot: number) =>
    (rank[Math.floor(slot / CASE_FIELD_COUNT)] as number) * CASE_FIELD_COUNT + (slot % CASE_FIELD_COUNT);
  const offsets = new Uint32Array(terms.length * CASE_FIELD_COUNT + 1);
  for (let at = 0; at < used; at += 3) {
    const slot = slotOf(triples[at] as number) + 1;
    offsets[slot] = (offsets[slot] as number) + 1;
  }
  for (let slot = 1; slot < offsets.length; slot += 1)
    offsets[slot] = (offsets[slot] as number) + (offsets[slot - 1] as number);
  const next = offsets.slice(0, offsets.length - 1);
  const postings = new Uint32Array((used / 3) * 2);
  for (let at = 0; at < used; at += 3) {
    const slot = slotOf(triples[at] as number);
    const pair = (next[slot] as number) * 2;
    next[slot] = (next[slot] as number) + 1;
    postings[pair] = firstDocument + (triples[at + 1] as number);
    postings[pair + 1] = triples[at + 2] as number;
  }
  return {
    documentCount,
    firstDocument,
    fieldLengthTotals,
    averageFieldLength: averageOf(fieldLengthTotals, documentCount),
    terms,
    offsets,
    postings,
    fieldLengths,
  };
}

/** The mean field lengths of `documentCount` documents with these totals. */
export function averageOf(totals: readonly number[], documentCount: number): number[] {
  return totals.map((total) => (documentCount === 0 ? 0 : total / documentCount));
}

/**
 * The Levenshtein distance of `left` and `right` (UTF-16 code units) when it is at most `most`,
 * else `most + 1`: a band of width `2·most + 1` around the diagonal, stopped when a row exceeds it.
 */
export function boundedDistance(left: string, right: string, most: number, row: Int32Array): number {
  const n = left.length;
  const m = right.length;
  if (Math.abs(n - m) > most) return most + 1;
  const over = most + 1;
  // row[j] = distance of right[0, i) and left[0, j); cells outside the band hold `over`.
  for (let j = 0; j <= n; j += 1) row[j] = j <= most ? j : over;
  for (let i = 1; i <= m; i += 1) {
    const code = right.charCodeAt(i - 1);
    const from = Math.max(1, i - most);
    const to = Math.min(n, i + most);
    let diagonal = row[from - 1] as number;
    let rowMinimum = over;
    if (from === 1) {
      row[0] = i <= most ? i : over;
      rowMinimum = row[0] as number;
    } else row[from - 1] = over;
    for (let j = from; j <= to; j += 1) {
      const above = row[j] as number;
      const left1 = row[j - 1] as number;
      let value = diagonal + (left.charCodeAt(j - 1) === code ? 0 : 1);
      if (above + 1 < value) value = above + 1;
      if (left1 + 1 < value) value = left1 + 1;
      if (value > over) value = over;
      diagonal = above;
      row[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (to < n) row[to + 1] = over;
    if (rowMinimum > most) return over;
  }
  return Math.min(row[n] as number, over);
}
