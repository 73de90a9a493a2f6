import {
  add,
  allTrue8,
  and,
  bitmask8,
  br,
  type Code,
  call,
  ctz,
  eq,
  eq8,
  eqz,
  ge,
  get,
  gget,
  gset,
  gt,
  k,
  le,
  loop,
  lt,
  lts8,
  ltu8,
  ne,
  or,
  or128,
  pick,
  ret,
  set,
  shl,
  splat8,
  sub,
  sub8,
  u8,
  u32,
  v128,
  type WasmFunction,
  when,
  xor,
} from './audit-wasm-assembler.js';
import { Layout } from './audit-wasm-layout.js';

/**
 * The JSON half of the audit's WebAssembly scanner (`audit-wasm-module.ts`): canonical strings,
 * numbers, literals, arrays and objects with plain keys, on the bytes of `Layout`'s memory. Each
 * function answers the end of what it read, or -1 (not proven).
 */

export const MAX_DEPTH = 64;

export const QUOTE = 0x22;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const ZERO = 0x30;
export const NINE = 0x39;
export const MINUS = 0x2d;
/** `true`, `null` and `fals` as little-endian i32 loads. */
export const TRUE = 0x65757274;
export const NULL = 0x6c6c756e;
export const FALS = 0x736c6166;

// Global: 0 the last string was plain ASCII without escapes; 1 an object key `output_ref` was read.
export const PLAIN = 0;
export const OUTPUT_REF_SEEN = 1;

// Function indices.
export const STR = 0;
export const HEX = 1;
export const CMP = 2;
export const NUM = 3;
export const VAL = 4;
export const OBJ = 5;
export const ARR = 6;
export const COUNT = 7;
export const STRS = 8;
export const REFS = 9;
export const REF = 10;

export const inc = (local: number, by = 1): Code => set(local, add(get(local), k(by)));
export const isDigit = (local: number): Code => and(ge(get(local), k(ZERO)), le(get(local), k(NINE)));

/**
 * A bit for each of the 16 bytes at `at` that is not a plain string byte (bit i: byte i): a byte
 * ≥ 0x80, one below 0x20 (as a signed byte, both are below 0x20), a `"` or a `\` — the byte table's
 * classes 1–4 (held to it by `audit-wasm-simd.test.ts` and the scan fuzz tests).
 */
export const notPlainBits = (at: Code): Code =>
  bitmask8(
    or128(or128(lts8(v128(at), splat8(0x20)), eq8(v128(at), splat8(QUOTE))), eq8(v128(at), splat8(0x5c))),
  );

/** All 16 bytes at `at` lowercase hex digits: each is `0`–`9` (b − 0x30 < 10) or `a`–`f` (b − 0x61 < 6), unsigned. */
export const hex16 = (at: Code): Code =>
  allTrue8(
    or128(ltu8(sub8(v128(at), splat8(0x30)), splat8(10)), ltu8(sub8(v128(at), splat8(0x61)), splat8(6))),
  );

/** str(at): end of the string whose quote is at `at`, or -1; PLAIN tells whether it was plain. */
export const str: WasmFunction = {
  params: 1,
  locals: 3, // 1 index, 2 kind, 3 lanes not plain
  body: [
    set(1, add(get(0), k(1))),
    gset(PLAIN, k(1)),
    loop([
      // Sixteen bytes at once, to the first that is not plain (the memory is padded past the chunk,
      // so the read stays inside).
      set(3, notPlainBits(get(1))),
      when(eqz(get(3)), [inc(1, 16), br(1)]),
      set(1, add(get(1), ctz(get(3)))),
      set(2, u8(u8(get(1)), Layout.STRING_BYTE)),
      when(eqz(get(2)), [inc(1), br(1)]),
      when(eq(get(2), k(1)), ret(add(get(1), k(1)))),
      when(eq(get(2), k(4)), [gset(PLAIN, k(0)), inc(1), br(1)]),
      when(eq(get(2), k(2)), [
        when(u8(u8(get(1), 1), Layout.SHORT_ESCAPE), [gset(PLAIN, k(0)), inc(1, 2), br(2)]),
      ]),
      ret(k(-1)),
    ]),
    k(-1),
  ],
};

/** hex(at, length): 1 when the `length` bytes at `at` are lowercase hex digits. */
export const hex: WasmFunction = {
  params: 2,
  locals: 0,
  body: [
    loop([
      // Sixteen digits at a time while sixteen are left (each of them must be one).
      when(ge(get(1), k(16)), [when(eqz(hex16(get(0))), ret(k(0))), inc(0, 16), inc(1, -16), br(1)]),
      when(eqz(get(1)), ret(k(1))),
      when(eqz(u8(u8(get(0)), Layout.HEX)), ret(k(0))),
      inc(0),
      inc(1, -1),
      br(0),
    ]),
    k(0),
  ],
};

/** cmp(a, aLength, b, bLength): -1, 0 or 1 as the bytes compare. */
export const cmp: WasmFunction = {
  params: 4,
  locals: 4, // 4 shorter, 5 index, 6 lanes that differ, 7 byte of a
  body: [
    set(4, get(1)),
    when(lt(get(3), get(1)), set(4, get(3))),
    set(5, k(0)),
    // Sixteen bytes at a time (the memory is padded: the reads stay inside); the lanes from the
    // shorter length on count as equal.
    loop([
      set(
        6,
        and(
          xor(
            or(
              bitmask8(eq8(v128(add(get(0), get(5))), v128(add(get(2), get(5))))),
              pick(lt(sub(get(4), get(5)), k(16)), shl(k(-1), sub(get(4), get(5))), k(0)),
            ),
            k(-1),
          ),
          k(0xffff),
        ),
      ),
      when(eqz(get(6)), [
        inc(5, 16),
        when(lt(get(5), get(4)), br(2)),
        // Equal up to the shorter length: the shorter one comes first.
        when(lt(get(1), get(3)), ret(k(-1))),
        when(gt(get(1), get(3)), ret(k(1))),
        ret(k(0)),
      ]),
      // The first byte that differs.
      set(5, add(get(5), ctz(get(6)))),
      set(7, u8(add(get(0), get(5)))),
      ret(pick(lt(get(7), u8(add(get(2), get(5)))), k(-1), k(1))),
    ]),
    k(0),
  ],
};

/** num(at): end of a canonical integer of at most 15 digits, or -1 (anything else is not proven). */
export const num: WasmFunction = {
  params: 1,
  locals: 3, // 1 end, 2 digits from, 3 byte
  body: [
    set(1, get(0)),
    loop(when(u8(u8(get(1)), Layout.NUMBER_BYTE), [inc(1), br(1)])),
    set(2, add(get(0), eq(u8(get(0)), k(MINUS)))),
    when(le(get(1), get(2)), ret(k(-1))),
    when(gt(sub(get(1), get(2)), k(15)), ret(k(-1))),
    set(3, get(2)),
    // Every byte after the sign a digit.
    loop(
      when(lt(get(3), get(1)), [
        when(or(lt(u8(get(3)), k(ZERO)), gt(u8(get(3)), k(NINE))), ret(k(-1))),
        inc(3),
        br(1),
      ]),
    ),
    // No leading zero, no `-0`.
    when(and(eq(u8(get(2)), k(ZERO)), or(gt(sub(get(1), get(2)), k(1)), gt(get(2), get(0)))), ret(k(-1))),
    get(1),
  ],
};

/** val(at, depth): end of the canonical JSON value at `at`, or -1. */
export const val: WasmFunction = {
  params: 2,
  locals: 1, // 2 first byte
  body: [
    set(2, u8(get(0))),
    when(eq(get(2), k(QUOTE)), ret(call(STR, get(0)))),
    when(eq(get(2), k(OPEN_BRACE)), ret(call(OBJ, get(0), add(get(1), k(1))))),
    when(eq(get(2), k(OPEN_BRACKET)), ret(call(ARR, get(0), add(get(1), k(1))))),
    when(eq(get(2), k(0x74)), ret(literal(TRUE, 4))),
    when(eq(get(2), k(0x6e)), ret(literal(NULL, 4))),
    when(eq(get(2), k(0x66)), ret(falseEnd())),
    when(or(eq(get(2), k(MINUS)), isDigit(2)), ret(call(NUM, get(0)))),
    k(-1),
  ],
};

/** At local 0: end of the 4-byte literal `word`, or -1. */
export function literal(word: number, length: number): Code {
  return pick(eq(u32(get(0)), k(word)), add(get(0), k(length)), k(-1));
}
/** At local 0: end of `false`, or -1. */
export function falseEnd(): Code {
  return pick(and(eq(u32(get(0)), k(FALS)), eq(u8(get(0), 4), k(0x65))), add(get(0), k(5)), k(-1));
}

/** obj(at, depth): end of a canonical object with plain keys, or -1; notes a key `output_ref`. */
export const obj: WasmFunction = {
  params: 2,
  locals: 5, // 2 index, 3 key end, 4 key length, 5 previous key, 6 previous length
  body: [
    when(gt(get(1), k(MAX_DEPTH)), ret(k(-1))),
    set(2, add(get(0), k(1))),
    when(eq(u8(get(2)), k(CLOSE_BRACE)), ret(add(get(2), k(1)))),
    set(5, k(-1)),
    loop([
      when(ne(u8(get(2)), k(QUOTE)), ret(k(-1))),
      set(3, call(STR, get(2))),
      when(or(lt(get(3), k(0)), eqz(gget(PLAIN))), ret(k(-1))),
      when(ne(u8(get(3)), k(COLON)), ret(k(-1))),
      set(4, sub(sub(get(3), get(2)), k(2))),
      when(ge(get(5), k(0)), [
        when(ge(call(CMP, get(5), get(6), add(get(2), k(1)), get(4)), k(0)), ret(k(-1))),
      ]),
      when(eq(get(4), k(10)), [
        when(
          eqz(call(CMP, add(get(2), k(1)), k(10), k(Layout.OUTPUT_REF), k(10))),
          gset(OUTPUT_REF_SEEN, k(1)),
        ),
      ]),
      set(5, add(get(2), k(1))),
      set(6, get(4)),
      set(2, call(VAL, add(get(3), k(1)), get(1))),
      when(lt(get(2), k(0)), ret(k(-1))),
      when(eq(u8(get(2)), k(CLOSE_BRACE)), ret(add(get(2), k(1)))),
      when(ne(u8(get(2)), k(COMMA)), ret(k(-1))),
      inc(2),
      br(0),
    ]),
    k(-1),
  ],
};

/** arr(at, depth): end of a canonical array, or -1. */
export const arr: WasmFunction = {
  params: 2,
  locals: 1, // 2 index
  body: [
    when(gt(get(1), k(MAX_DEPTH)), ret(k(-1))),
    set(2, add(get(0), k(1))),
    when(eq(u8(get(2)), k(CLOSE_BRACKET)), ret(add(get(2), k(1)))),
    loop([
      set(2, call(VAL, get(2), get(1))),
      when(lt(get(2), k(0)), ret(k(-1))),
      when(eq(u8(get(2)), k(CLOSE_BRACKET)), ret(add(get(2), k(1)))),
      when(ne(u8(get(2)), k(COMMA)), ret(k(-1))),
      inc(2),
      br(0),
    ]),
    k(-1),
  ],
};

/** count(at, min): end of 1–15 digits without a leading zero ("0" only when `min` is 0), or -1. */
export const count: WasmFunction = {
  params: 2,
  locals: 2, // 2 end, 3 byte
  body: [
    set(2, get(0)),
    loop([set(3, u8(get(2))), when(isDigit(3), [inc(2), br(1)])]),
    when(or(eq(get(2), get(0)), gt(sub(get(2), get(0)), k(15))), ret(k(-1))),
    when(and(eq(u8(get(0)), k(ZERO)), or(gt(sub(get(2), get(0)), k(1)), eq(get(1), k(1)))), ret(k(-1))),
    get(2),
  ],
};

/** strs(at): end of an array of strings, or -1. */
export const strs: WasmFunction = {
  params: 1,
  locals: 1, // 1 index
  body: [
    when(ne(u8(get(0)), k(OPEN_BRACKET)), ret(k(-1))),
    set(1, add(get(0), k(1))),
    when(eq(u8(get(1)), k(CLOSE_BRACKET)), ret(add(get(1), k(1)))),
    loop([
      when(ne(u8(get(1)), k(QUOTE)), ret(k(-1))),
      set(1, call(STR, get(1))),
      when(lt(get(1), k(0)), ret(k(-1))),
      when(eq(u8(get(1)), k(CLOSE_BRACKET)), ret(add(get(1), k(1)))),
      when(ne(u8(get(1)), k(COMMA)), ret(k(-1))),
      inc(1),
      br(0),
    ]),
    k(-1),
  ],
};
