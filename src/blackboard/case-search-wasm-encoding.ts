/**
 * The few WebAssembly encodings the case search's module is written with (`case-search-wasm.ts`):
 * LEB128 numbers, sections, and the instructions it uses, as bytes.
 */

import { sleb, uleb } from './wasm-leb128.js';

export const I32 = 0x7f;
export const F64 = 0x7c;

export const unsigned = uleb;
export const signed = sleb;

export const vector = (items: number[][]) => [...unsigned(items.length), ...items.flat()];
export const section = (id: number, body: number[]) => [id, ...unsigned(body.length), ...body];
export const name = (text: string) => [...unsigned(text.length), ...Buffer.from(text, 'latin1')];

// Instructions (one function's locals are numbered parameters first).
export const get = (local: number) => [0x20, ...unsigned(local)];
export const set = (local: number) => [0x21, ...unsigned(local)];
export const i32 = (value: number) => [0x41, ...signed(value)];
export function f64(value: number): number[] {
  const bytes = Buffer.alloc(8);
  bytes.writeDoubleLE(value);
  return [0x44, ...bytes];
}
export const loadI32 = (offset = 0) => [0x28, 2, ...unsigned(offset)];
export const loadU8 = [0x2d, 0, 0];
export const loadF64 = [0x2b, 3, 0];
export const storeI32 = [0x36, 2, 0];
export const storeU8 = [0x3a, 0, 0];
export const storeF64 = [0x39, 3, 0];
export const ADD = 0x6a;
export const MUL = 0x6c;
export const SUB = 0x6b;
export const GE_U = 0x4f;
export const EQZ = 0x45;
export const AND = 0x71;
export const XOR = 0x73;
export const POPCNT = 0x69;
export const GT_U = 0x4b;
export const OR = 0x72;
export const F_ADD = 0xa0;
export const F_MUL = 0xa2;
export const F_DIV = 0xa3;
export const F_FROM_U32 = 0xb8;
export const SELECT = 0x1b;
export const BLOCK = [0x02, 0x40];
export const LOOP = [0x03, 0x40];
export const IF = [0x04, 0x40];
export const ELSE = 0x05;
export const END = 0x0b;
export const br = (depth: number) => [0x0c, ...unsigned(depth)];
export const brIf = (depth: number) => [0x0d, ...unsigned(depth)];
/** `base + index * size` (i32). */
export const address = (base: number, index: number[], size: number) => [
  ...get(base),
  ...index,
  ...i32(size),
  MUL,
  ADD,
];

/** `for (at = 0; at < count; at += 1) body` over local `at`. */
export const countTo = (at: number, count: number, body: number[]) => [
  ...i32(0),
  ...set(at),
  ...BLOCK,
  ...LOOP,
  ...get(at),
  ...get(count),
  GE_U,
  ...brIf(1),
  ...body,
  ...get(at),
  ...i32(1),
  ADD,
  ...set(at),
  ...br(0),
  END,
  END,
];
