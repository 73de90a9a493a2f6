import {
  add,
  and,
  br,
  type Code,
  call,
  eq,
  eqz,
  ge,
  get,
  gget,
  gt,
  k,
  le,
  loop,
  lt,
  ne,
  or,
  pick,
  ret,
  set,
  shl,
  sub,
  u8,
  type WasmFunction,
  when,
} from './audit-wasm-assembler.js';
import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  CMP,
  COLON,
  COMMA,
  COUNT,
  HEX,
  inc,
  OPEN_BRACE,
  OPEN_BRACKET,
  PLAIN,
  QUOTE,
  REF,
  STR,
} from './audit-wasm-json.js';
import { Layout, REF_KEYS } from './audit-wasm-layout.js';

/**
 * The file evidence refs of the audit's WebAssembly scanner (`audit-wasm-module.ts`), and the
 * key matching it shares with the line: a file ref with only its own keys, in name order.
 */

/** Required file-ref keys (kind, lines, path, sha256) as bits of their rank in `REF_KEYS`. */
const REQUIRED_REF_BITS = 2 | 4 | 8 | 32;

/** refs(at): end of an array of file refs (`ref`), or -1. */
export const refs: WasmFunction = {
  params: 1,
  locals: 1, // 1 index
  body: [
    when(ne(u8(get(0)), k(OPEN_BRACKET)), ret(k(-1))),
    set(1, add(get(0), k(1))),
    when(eq(u8(get(1)), k(CLOSE_BRACKET)), ret(add(get(1), k(1)))),
    loop([
      set(1, call(REF, get(1))),
      when(lt(get(1), k(0)), ret(k(-1))),
      when(eq(u8(get(1)), k(CLOSE_BRACKET)), ret(add(get(1), k(1)))),
      when(ne(u8(get(1)), k(COMMA)), ret(k(-1))),
      inc(1),
      br(0),
    ]),
    k(-1),
  ],
};

/**
 * Matches the plain key `[local key + 1, + length)` against the names at `table` (`size` bytes
 * each, `names` of them, sorted) from the one in local `rank` on; leaves its rank in `rank` or
 * returns `fail` when the key is not one of them (or not after the previous one: ranks only grow).
 */
export function matchKey(
  key: number,
  length: number,
  rank: number,
  table: number,
  size: number,
  names: number,
  fail: number,
  scratch: number,
): Code {
  const entry = add(k(table), shl(get(rank), k(Math.log2(size))));
  return loop([
    when(ge(get(rank), k(names)), ret(k(fail))),
    // The first bytes decide most comparisons (an empty key's "first byte" is its closing quote).
    set(scratch, sub(u8(get(key), 1), u8(entry, 1))),
    when(
      eqz(get(scratch)),
      set(scratch, call(CMP, add(get(key), k(1)), get(length), add(entry, k(1)), u8(entry))),
    ),
    when(lt(get(scratch), k(0)), ret(k(fail))),
    when(gt(get(scratch), k(0)), [inc(rank), br(1)]),
  ]);
}

/** A string value at local `at`: its end in local `end` (-1 when it is not one). */
export const stringAt = (at: number, end: number): Code =>
  set(end, pick(eq(u8(get(at)), k(QUOTE)), call(STR, get(at)), k(-1)));

/** A quoted run of `length` hex digits at local `at`: its end in local `end`, or -1. */
export const hexAt = (at: number, length: number, end: number): Code =>
  set(
    end,
    pick(
      and(
        and(eq(u8(get(at)), k(QUOTE)), eq(u8(get(at), length + 1), k(QUOTE))),
        call(HEX, add(get(at), k(1)), k(length)),
      ),
      add(get(at), k(length + 2)),
      k(-1),
    ),
  );

/** ref(at): end of a file ref with only its own keys (kind "file", lines, path, sha256; quote, commit), or -1. */
export const ref: WasmFunction = {
  params: 1,
  locals: 7, // 1 index, 2 key end, 3 key length, 4 rank, 5 seen, 6 value, 7 value end / scratch
  body: [
    when(ne(u8(get(0)), k(OPEN_BRACE)), ret(k(-1))),
    set(1, add(get(0), k(1))),
    set(4, k(0)),
    set(5, k(0)),
    loop([
      when(ne(u8(get(1)), k(QUOTE)), ret(k(-1))),
      set(2, call(STR, get(1))),
      when(or(lt(get(2), k(0)), eqz(gget(PLAIN))), ret(k(-1))),
      when(ne(u8(get(2)), k(COLON)), ret(k(-1))),
      set(3, sub(sub(get(2), get(1)), k(2))),
      matchKey(1, 3, 4, Layout.REF_KEYS, 16, REF_KEYS.length, -1, 7),
      set(6, add(get(2), k(1))),
      set(7, k(-1)),
      // commit, quote: a string; kind: "file"; lines: [n,n]; path: a non-empty string; sha256: 64 hex.
      when(or(eq(get(4), k(0)), eq(get(4), k(4))), stringAt(6, 7)),
      when(eq(get(4), k(1)), [
        when(eqz(call(CMP, get(6), k(6), k(Layout.FILE), k(6))), set(7, add(get(6), k(6)))),
      ]),
      when(eq(get(4), k(2)), [
        when(eq(u8(get(6)), k(OPEN_BRACKET)), [
          // (`or` evaluates both sides: a load only after the end is known to be one.)
          set(7, call(COUNT, add(get(6), k(1)), k(1))),
          when(lt(get(7), k(0)), ret(k(-1))),
          when(ne(u8(get(7)), k(COMMA)), ret(k(-1))),
          set(7, call(COUNT, add(get(7), k(1)), k(1))),
          when(lt(get(7), k(0)), ret(k(-1))),
          when(ne(u8(get(7)), k(CLOSE_BRACKET)), ret(k(-1))),
          inc(7),
        ]),
      ]),
      when(eq(get(4), k(3)), [stringAt(6, 7), when(le(get(7), add(get(6), k(2))), ret(k(-1)))]),
      when(eq(get(4), k(5)), hexAt(6, 64, 7)),
      when(lt(get(7), k(0)), ret(k(-1))),
      set(5, or(get(5), shl(k(1), get(4)))),
      inc(4),
      when(eq(u8(get(7)), k(CLOSE_BRACE)), [
        ret(pick(eq(and(get(5), k(REQUIRED_REF_BITS)), k(REQUIRED_REF_BITS)), add(get(7), k(1)), k(-1))),
      ]),
      when(ne(u8(get(7)), k(COMMA)), ret(k(-1))),
      set(1, add(get(7), k(1))),
      br(0),
    ]),
    k(-1),
  ],
};
