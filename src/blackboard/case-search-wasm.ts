/**
 * The case search's loops over postings and matched documents as WebAssembly: a fresh process runs
 * them at once at machine speed (Liftoff compiles the module in well under a millisecond), where
 * JavaScript would spend the search interpreting them and then compiling them with TurboFan. Every
 * score is the same IEEE-754 double the JavaScript loops of `case-search-kernel.ts` compute: the
 * same operations on the same operands in the same order (WebAssembly has no fused multiply-add),
 * the constants written with the bits JavaScript gives them (`case-search-kernel.test.ts` compares
 * the two on random postings, bit for bit).
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
  F64,
  f64,
  GE_U,
  GT_U,
  get,
  I32,
  IF,
  i32,
  LOOP,
  loadF64,
  loadI32,
  loadU8,
  MUL,
  name,
  OR,
  POPCNT,
  SELECT,
  SUB,
  section,
  set,
  storeF64,
  storeI32,
  storeU8,
  unsigned,
  vector,
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
function accumulateBody(c: Bm25Constants): number[] {
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
function mergeBody(): number[] {
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
function gatherBody(): number[] {
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
function replayBody(): number[] {
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
function finishBody(): number[] {
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
function filterBody(): number[] {
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

interface FunctionSpec {
  name: string;
  params: number[];
  results: number[];
  /** Locals after the parameters, in runs of one type. */
  locals: Array<[count: number, type: number]>;
  body: number[];
}

/** The module's bytes: one memory (exported as `memory`) and the five loops. */
export function caseSearchWasmBytes(constants: Bm25Constants): Uint8Array<ArrayBuffer> {
  const i = (count: number) => new Array<number>(count).fill(I32);
  const functions: FunctionSpec[] = [
    {
      name: 'accumulate',
      params: [...i(6), F64, F64, F64, ...i(4)],
      results: [I32],
      locals: [
        [3, I32],
        [2, F64],
      ],
      body: accumulateBody(constants),
    },
    { name: 'merge', params: i(9), results: [I32], locals: [[2, I32]], body: mergeBody() },
    { name: 'gather', params: i(5), results: [], locals: [[2, I32]], body: gatherBody() },
    { name: 'replay', params: i(4), results: [], locals: [[2, I32]], body: replayBody() },
    { name: 'finish', params: i(6), results: [], locals: [[3, I32]], body: finishBody() },
    { name: 'filter', params: i(7), results: [I32], locals: [[4, I32]], body: filterBody() },
  ];
  const types = functions.map((fn) => [
    0x60,
    ...vector(fn.params.map((t) => [t])),
    ...vector(fn.results.map((t) => [t])),
  ]);
  const bodies = functions.map((fn) => {
    const code = [...vector(fn.locals.map(([count, type]) => [...unsigned(count), type])), ...fn.body, END];
    return [...unsigned(code.length), ...code];
  });
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vector(types)),
    ...section(3, vector(functions.map((_, index) => unsigned(index)))),
    ...section(5, vector([[0x00, ...unsigned(1)]])),
    ...section(
      7,
      vector([
        [...name('memory'), 0x02, 0x00],
        ...functions.map((fn, index) => [...name(fn.name), 0x00, ...unsigned(index)]),
      ]),
    ),
    ...section(10, vector(bodies)),
  ]);
}

/** The module's exports. */
export interface CaseSearchWasm {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  accumulate(...args: number[]): number;
  merge(...args: number[]): number;
  gather(...args: number[]): void;
  replay(...args: number[]): void;
  finish(...args: number[]): void;
  filter(...args: number[]): number;
}

/** The part of the WebAssembly API used here (the build's TypeScript libraries do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array<ArrayBuffer>) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
let compiled: object | null | undefined;

/**
 * A fresh instance (its own memory), or undefined where WebAssembly is not available (`--jitless`).
 * The module is compiled once per process, for `BM25`'s constants (the only ones it is asked for).
 */
export function instantiateCaseSearchWasm(constants: Bm25Constants): CaseSearchWasm | undefined {
  if (compiled === undefined) {
    try {
      compiled = api === undefined ? null : new api.Module(caseSearchWasmBytes(constants));
    } catch {
      compiled = null;
    }
  }
  if (compiled === null || api === undefined) return undefined;
  return new api.Instance(compiled, {}).exports as unknown as CaseSearchWasm;
}
