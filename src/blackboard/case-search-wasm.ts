/**
 * The case search's loops over postings and matched documents as WebAssembly: a fresh process runs
 * them at once at machine speed (Liftoff compiles the module in well under a millisecond), where
 * JavaScript would spend the search interpreting them and then compiling them with TurboFan. Every
 * score is the same IEEE-754 double the JavaScript loops of `case-search-kernel.ts` compute: the
 * same operations on the same operands in the same order (WebAssembly has no fused multiply-add),
 * the constants written with the bits JavaScript gives them (`case-search-kernel.test.ts` compares
 * the two on random postings, bit for bit).
 */

import { END, F64, I32, name, section, unsigned, vector } from './case-search-wasm-encoding.js';
import type { Bm25Constants } from './case-search-wasm-loops.js';
import {
  accumulateBody,
  filterBody,
  finishBody,
  gatherBody,
  mergeBody,
  replayBody,
} from './case-search-wasm-loops.js';

export type { Bm25Constants } from './case-search-wasm-loops.js';

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
  try {
    return new api.Instance(compiled, {}).exports as unknown as CaseSearchWasm;
  } catch {
    return undefined;
  }
}
