/**
 * The bodies of the case search module's six functions (`case-search-wasm.ts` assembles them):
 * each the WebAssembly of one loop of `jsKernel` in `case-search-kernel.ts`, operation for
 * operation.
 */
import {
  ADD,
  AND,
  address,
  BLOCK,
  br,
  brIf,
  countTo,
  ELSE,
  END,
  EQZ,
  F_ADD,
  F_DIV,
  F_FROM_U32,
  F_MUL,
  f64,
  GE_U,
  GT_U,
  get,
  IF,
  i32,
  LOOP,
  loadF64,
  loadI32,
  loadU8,
  MUL,
  OR,
  POPCNT,
  SELECT,
  SUB,
  set,
  storeF64,
  storeI32,
  storeU8,
  XOR,
} from './case-search-wasm-encoding.js';

/** BM25+ constants as the JavaScript loop computes them (`K + 1`, `1 - B`). */
export interface Bm25Constants {
  d: number;
  kPlusOne: number;
  k: number;
  oneMinusB: number;
  b: number;
}

/**
 * `accumulate(postings, from, to, low, lengths, field, inverse, average, scale, specScore, inSpec,
 * specOrder, count) → count`: `accumulate` of `case-search-kernel.ts`.
 */
export function accumulateBody(c: Bm25Constants): number[] {
  const [
    postings,
    from,
    to,
    low,
    lengths,
    field,
    inverse,
    average,
    scale,
    specScore,
    inSpec,
    specOrder,
    count,
  ] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const [at, end, document, weighted, frequency] = [13, 14, 15, 16, 17];
  return [
    ...address(postings, get(from), 8),
    ...set(at),
    ...address(postings, get(to), 8),
    ...set(end),
    ...BLOCK,
    ...LOOP,
    ...get(at),
    ...get(end),
    GE_U,
    ...brIf(1),
    ...get(at),
    ...loadI32(),
    ...get(low),
    SUB,
    ...set(document),
    ...get(at),
    ...loadI32(4),
    F_FROM_U32,
    ...set(frequency),
    // scale * (inverse * (D + (f * (K + 1)) / (f + K * ((1 - B) + (B * length) / average))))
    ...get(scale),
    ...get(inverse),
    ...f64(c.d),
    ...get(frequency),
    ...f64(c.kPlusOne),
    F_MUL,
    ...get(frequency),
    ...f64(c.k),
    ...f64(c.oneMinusB),
    ...f64(c.b),
    ...get(lengths),
    ...get(document),
    ...i32(3),
    MUL,
    ...get(field),
    ADD,
    ...i32(4),
    MUL,
    ADD,
    ...loadI32(),
    F_FROM_U32,
    F_MUL,
    ...get(average),
    F_DIV,
    F_ADD,
    F_MUL,
    F_ADD,
    F_DIV,
    F_ADD,
    F_MUL,
    F_MUL,
    ...set(weighted),
    ...get(inSpec),
    ...get(document),
    ADD,
    ...loadU8,
    EQZ,
    ...IF,
    ...get(inSpec),
    ...get(document),
    ADD,
    ...i32(1),
    ...storeU8,
    ...address(specScore, get(document), 8),
    ...get(weighted),
    ...storeF64,
    ...address(specOrder, get(count), 4),
    ...get(document),
    ...storeI32,
    ...get(count),
    ...i32(1),
    ADD,
    ...set(count),
    ELSE,
    ...address(specScore, get(document), 8),
    ...address(specScore, get(document), 8),
    ...loadF64,
    ...get(weighted),
    F_ADD,
    ...storeF64,
    END,
    ...get(at),
    ...i32(8),
    ADD,
    ...set(at),
    ...br(0),
    END,
    END,
    ...get(count),
  ];
}

/**
 * `merge(specOrder, count, inSpec, specScore, inCombined, combined, combinedOrder, combinedCount,
 * matched) → combinedCount`.
 */
export function mergeBody(): number[] {
  const [specOrder, count, inSpec, specScore, inCombined, combined, combinedOrder, combinedCount, matched] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8,
  ];
  const [at, document] = [9, 10];
  return [
    ...countTo(at, count, [
      ...address(specOrder, get(at), 4),
      ...loadI32(),
      ...set(document),
      ...get(inSpec),
      ...get(document),
      ADD,
      ...i32(0),
      ...storeU8,
      ...get(inCombined),
      ...get(document),
      ADD,
      ...loadU8,
      EQZ,
      ...IF,
      ...get(inCombined),
      ...get(document),
      ADD,
      ...i32(1),
      ...storeU8,
      ...address(combined, get(document), 8),
      ...address(specScore, get(document), 8),
      ...loadF64,
      ...storeF64,
      ...address(combinedOrder, get(combinedCount), 4),
      ...get(document),
      ...storeI32,
      ...get(combinedCount),
      ...i32(1),
      ADD,
      ...set(combinedCount),
      ELSE,
      ...address(combined, get(document), 8),
      ...address(combined, get(document), 8),
      ...loadF64,
      ...address(specScore, get(document), 8),
      ...loadF64,
      F_ADD,
      ...storeF64,
      END,
      ...address(matched, get(document), 4),
      ...address(matched, get(document), 4),
      ...loadI32(),
      ...i32(1),
      ADD,
      ...storeI32,
    ]),
    ...get(combinedCount),
  ];
}

/** `gather(specOrder, count, specScore, documents, scores)`: the spec's documents and scores, in order. */
export function gatherBody(): number[] {
  const [specOrder, count, specScore, documents, scores] = [0, 1, 2, 3, 4];
  const [at, document] = [5, 6];
  return countTo(at, count, [
    ...address(specOrder, get(at), 4),
    ...loadI32(),
    ...set(document),
    ...address(documents, get(at), 4),
    ...get(document),
    ...storeI32,
    ...address(scores, get(at), 8),
    ...address(specScore, get(document), 8),
    ...loadF64,
    ...storeF64,
  ]);
}

/** `replay(documents, scores, count, combined)`: `combined[document] + score` for each. */
export function replayBody(): number[] {
  const [documents, scores, count, combined] = [0, 1, 2, 3];
  const [at, document] = [4, 5];
  return countTo(at, count, [
    ...address(documents, get(at), 4),
    ...loadI32(),
    ...set(document),
    ...address(combined, get(document), 8),
    ...address(combined, get(document), 8),
    ...loadF64,
    ...address(scores, get(at), 8),
    ...loadF64,
    F_ADD,
    ...storeF64,
  ]);
}

/**
 * `finish(combinedOrder, count, combined, matched, inCombined, out)`: each document's score
 * (`combined · (matched || 1)`) into `out`, its marks cleared.
 */
export function finishBody(): number[] {
  const [combinedOrder, count, combined, matched, inCombined, out] = [0, 1, 2, 3, 4, 5];
  const [at, document, times] = [6, 7, 8];
  return countTo(at, count, [
    ...address(combinedOrder, get(at), 4),
    ...loadI32(),
    ...set(document),
    ...address(matched, get(document), 4),
    ...loadI32(),
    ...set(times),
    ...address(out, get(at), 8),
    ...address(combined, get(document), 8),
    ...loadF64,
    ...get(times),
    ...i32(1),
    ...get(times),
    SELECT,
    F_FROM_U32,
    F_MUL,
    ...storeF64,
    ...get(inCombined),
    ...get(document),
    ADD,
    ...i32(0),
    ...storeU8,
    ...address(matched, get(document), 4),
    ...i32(0),
    ...storeI32,
  ]);
}

/**
 * `filter(byLength, from, to, masks, queryMask, most, out) → count`: the terms `byLength[from, to)`
 * whose character masks differ from the query's by at most `most` characters either way, in order.
 */
export function filterBody(): number[] {
  const [byLength, from, to, masks, queryMask, most, out] = [0, 1, 2, 3, 4, 5, 6];
  const [at, term, mask, count] = [7, 8, 9, 10];
  return [
    ...get(from),
    ...set(at),
    ...BLOCK,
    ...LOOP,
    ...get(at),
    ...get(to),
    GE_U,
    ...brIf(1),
    ...address(byLength, get(at), 4),
    ...loadI32(),
    ...set(term),
    ...address(masks, get(term), 4),
    ...loadI32(),
    ...set(mask),
    // popcount(query & ~mask) > most || popcount(mask & ~query) > most: skipped
    ...get(queryMask),
    ...get(mask),
    ...i32(-1),
    XOR,
    AND,
    POPCNT,
    ...get(most),
    GT_U,
    ...get(mask),
    ...get(queryMask),
    ...i32(-1),
    XOR,
    AND,
    POPCNT,
    ...get(most),
    GT_U,
    OR,
    EQZ,
    ...IF,
    ...address(out, get(count), 4),
    ...get(term),
    ...storeI32,
    ...get(count),
    ...i32(1),
    ADD,
    ...set(count),
    END,
    ...get(at),
    ...i32(1),
    ADD,
    ...set(at),
    ...br(0),
    END,
    END,
    ...get(count),
  ];
}
