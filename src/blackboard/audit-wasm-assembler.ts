/**
 * Just enough of a WebAssembly encoder to spell the audit's line scanner (`audit-wasm-module.ts`)
 * as code: i32 functions, one memory, i32 globals. Code is written as nested arrays of bytes
 * (flattened when the module is encoded); each helper below is one instruction or one structured
 * block, named after the instruction it writes.
 */

import { sleb, uleb } from './wasm-leb128.js';

export { sleb, uleb };

/** Bytes of code, nested as the helpers build them. */
export type Code = number | readonly Code[];

const flat = (code: Code, into: number[] = []): number[] => {
  if (typeof code === 'number') into.push(code);
  else for (const part of code) flat(part, into);
  return into;
};

const VOID = 0x40;
const I32 = 0x7f;

export const k = (value: number): Code => [0x41, sleb(value)];
export const get = (local: number): Code => [0x20, uleb(local)];
export const set = (local: number, value: Code): Code => [value, 0x21, uleb(local)];
export const gget = (global: number): Code => [0x23, uleb(global)];
export const gset = (global: number, value: Code): Code => [value, 0x24, uleb(global)];
/** `i32.load8_u` of `address + offset`. */
export const u8 = (address: Code, offset = 0): Code => [address, 0x2d, 0, uleb(offset)];
/** `i32.load` (unaligned) of `address + offset`. */
export const u32 = (address: Code, offset = 0): Code => [address, 0x28, 0, uleb(offset)];
/** `i32.store` (unaligned) of `value` at `address + offset`. */
export const st32 = (address: Code, value: Code, offset = 0): Code => [address, value, 0x36, 0, uleb(offset)];
export const call = (fn: number, ...args: Code[]): Code => [args, 0x10, uleb(fn)];

// 128-bit SIMD (the `0xfd` prefix): 16 bytes at a time, no v128 locals (a value is loaded again
// where it is used twice: the same 16 bytes, from the cache).
const simd = (op: number): Code => [0xfd, uleb(op)];
/** `v128.load` (unaligned) of the 16 bytes at `address + offset`. */
export const v128 = (address: Code, offset = 0): Code => [address, simd(0x00), 0, uleb(offset)];
/** `i8x16.splat` of the byte `value`. */
export const splat8 = (value: number): Code => [k(value), simd(0x0f)];
/** `i8x16.eq`: 0xff in each lane where the bytes are equal. */
export const eq8 = (a: Code, b: Code): Code => [a, b, simd(0x23)];
/** `i8x16.lt_s`: 0xff in each lane where `a` < `b` as signed bytes. */
export const lts8 = (a: Code, b: Code): Code => [a, b, simd(0x25)];
/** `i8x16.lt_u`: 0xff in each lane where `a` < `b` as unsigned bytes. */
export const ltu8 = (a: Code, b: Code): Code => [a, b, simd(0x26)];
/** `i8x16.sub` (wrapping). */
export const sub8 = (a: Code, b: Code): Code => [a, b, simd(0x71)];
/** `v128.or`. */
export const or128 = (a: Code, b: Code): Code => [a, b, simd(0x50)];
/** `i8x16.bitmask`: the lanes' top bits as the low 16 bits of an i32 (bit i: lane i). */
export const bitmask8 = (a: Code): Code => [a, simd(0x64)];
/** `i8x16.all_true`: 1 when every lane is nonzero (an i32). */
export const allTrue8 = (a: Code): Code => [a, simd(0x63)];
export const ret = (value: Code): Code => [value, 0x0f];
/** `if … (else …) end` without a result: one label more for a `br` inside it. */
export const when = (cond: Code, then: Code, otherwise?: Code): Code => [
  cond,
  0x04,
  VOID,
  then,
  otherwise === undefined ? [] : [0x05, otherwise],
  0x0b,
];
/** `loop … end`: `br(0)` at its top level starts it again. */
export const loop = (body: Code): Code => [0x03, VOID, body, 0x0b];
/** `block … end`: `br(0)` at its top level leaves it. */
export const block = (body: Code): Code => [0x02, VOID, body, 0x0b];
export const br = (depth: number): Code => [0x0c, uleb(depth)];
/** `select`: `yes` when `cond` is not 0, else `no` (both are evaluated). */
export const pick = (cond: Code, yes: Code, no: Code): Code => [yes, no, cond, 0x1b];
export const add = (a: Code, b: Code): Code => [a, b, 0x6a];
export const sub = (a: Code, b: Code): Code => [a, b, 0x6b];
export const mul = (a: Code, b: Code): Code => [a, b, 0x6c];
export const and = (a: Code, b: Code): Code => [a, b, 0x71];
export const or = (a: Code, b: Code): Code => [a, b, 0x72];
export const xor = (a: Code, b: Code): Code => [a, b, 0x73];
export const shl = (a: Code, b: Code): Code => [a, b, 0x74];
export const eqz = (a: Code): Code => [a, 0x45];
/** `i32.ctz`: trailing zero bits (32 for 0). */
export const ctz = (a: Code): Code => [a, 0x68];
export const eq = (a: Code, b: Code): Code => [a, b, 0x46];
export const ne = (a: Code, b: Code): Code => [a, b, 0x47];
export const lt = (a: Code, b: Code): Code => [a, b, 0x48];
export const gt = (a: Code, b: Code): Code => [a, b, 0x4a];
export const le = (a: Code, b: Code): Code => [a, b, 0x4c];
export const ge = (a: Code, b: Code): Code => [a, b, 0x4e];

/** One function: its i32 parameters, its extra i32 locals, its body (which leaves one i32). */
export interface WasmFunction {
  params: number;
  locals: number;
  body: Code;
  /** Exported under this name. */
  export?: string;
}

const section = (id: number, content: number[]): number[] => [id, ...uleb(content.length), ...content];
const vector = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (text: string): number[] => {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
};

/**
 * A module of `functions` (each `(i32 × params) → i32`, called by their index), `globals`
 * mutable i32 globals starting at 0, and one memory of `pages` 64 KiB pages exported as `memory`.
 */
export function encodeModule(
  functions: readonly WasmFunction[],
  globals: number,
  pages: number,
): Uint8Array<ArrayBuffer> {
  const arities = [...new Set(functions.map((fn) => fn.params))];
  const types = arities.map((params) => [0x60, ...uleb(params), ...Array(params).fill(I32), 1, I32]);
  const exports = [[...name('memory'), 2, 0]];
  functions.forEach((fn, index) => {
    if (fn.export !== undefined) exports.push([...name(fn.export), 0, ...uleb(index)]);
  });
  const bodies = functions.map((fn) => {
    const locals = fn.locals === 0 ? [0] : [1, ...uleb(fn.locals), I32];
    const body = [...locals, ...flat(fn.body), 0x0b];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(3, vector(functions.map((fn) => uleb(arities.indexOf(fn.params))))),
    ...section(5, vector([[0x00, ...uleb(pages)]])),
    ...section(6, vector(Array.from({ length: globals }, () => [I32, 0x01, 0x41, 0x00, 0x0b]))),
    ...section(7, vector(exports)),
    ...section(10, vector(bodies)),
  ]);
}
