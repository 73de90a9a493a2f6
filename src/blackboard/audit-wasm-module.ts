import {
  add,
  and,
  block,
  br,
  type Code,
  call,
  encodeModule,
  eq,
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
  mul,
  ne,
  or,
  pick,
  ret,
  set,
  shl,
  st32,
  sub,
  u8,
  u32,
  uleb,
  type WasmFunction,
  when,
  xor,
} from './audit-wasm-assembler.js';
import { Check, Layout, Out, REF_KEYS } from './audit-wasm-layout.js';

/**
 * The audit's first byte check of a line, as WebAssembly: compiled in well under a millisecond and
 * fast from the first line (the JavaScript scanner, `scan-receipt-line.ts`, runs its first few
 * thousand lines in the interpreter). It proves a strict subset of what that scanner proves and
 * answers 0 ("not proven") for everything else, which the audit then hands to that scanner:
 * - every key, at any depth, is plain ASCII without escapes (byte order is then code-unit order),
 *   each object's keys strictly increasing;
 * - the line's keys are all fields of the receipt schema (`FIELDS`, in name order), `hash` last;
 * - strings hold no raw control byte and only the short escapes `JSON.stringify` writes (no `\u`);
 * - numbers are integers of at most 15 digits without a leading zero or `-0`;
 * - evidence refs are file refs with only their own keys (`REF_KEYS`);
 * - nesting at most 64 deep.
 * What stays for JavaScript (`audit-wasm-scan.ts`): the timestamp's pattern, the sha256 and its
 * comparison, the values it hands on. `audit-wasm-scan.test.ts` holds both to the JS scanner.
 */

const REQUIRED_REF_BITS = 2 | 4 | 8 | 32;
const MAX_DEPTH = 64;
const HASH_SUFFIX_LENGTH = 75;

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const ZERO = 0x30;
const NINE = 0x39;
const MINUS = 0x2d;
/** `true`, `null` and `fals` as little-endian i32 loads. */
const TRUE = 0x65757274;
const NULL = 0x6c6c756e;
const FALS = 0x736c6166;

// Global: 0 the last string was plain ASCII without escapes; 1 an object key `output_ref` was read.
const PLAIN = 0;
const OUTPUT_REF_SEEN = 1;

// Function indices.
const STR = 0;
const HEX = 1;
const CMP = 2;
const NUM = 3;
const VAL = 4;
const OBJ = 5;
const ARR = 6;
const COUNT = 7;
const STRS = 8;
const REFS = 9;
const REF = 10;

const inc = (local: number, by = 1): Code => set(local, add(get(local), k(by)));
const isDigit = (local: number): Code => and(ge(get(local), k(ZERO)), le(get(local), k(NINE)));

const HIGH_BITS = 0x80808080 | 0;
const ONES = 0x01010101;
/** Nonzero when a byte of the word in local `word` is zero (exact: no false answer either way). */
const zeroByteIn = (word: Code): Code => and(and(sub(word, k(ONES)), xor(word, k(-1))), k(HIGH_BITS));
/**
 * Nonzero unless the four bytes in local `word` are all plain string bytes (0x20–0x7f, not `"` or
 * `\`): a byte ≥ 0x80, a byte below 0x20, a `"` or a `\` (checked against every 4-byte word).
 */
const notPlainWord = (word: number): Code =>
  or(
    or(
      and(get(word), k(HIGH_BITS)),
      and(and(sub(get(word), k(0x20202020)), xor(get(word), k(-1))), k(HIGH_BITS)),
    ),
    or(zeroByteIn(xor(get(word), k(0x22222222))), zeroByteIn(xor(get(word), k(0x5c5c5c5c)))),
  );

/** str(at): end of the string whose quote is at `at`, or -1; PLAIN tells whether it was plain. */
const str: WasmFunction = {
  params: 1,
  locals: 3, // 1 index, 2 kind, 3 word
  body: [
    set(1, add(get(0), k(1))),
    gset(PLAIN, k(1)),
    loop([
      // Four plain bytes at once (the memory is padded past the chunk, so the read stays inside).
      set(3, u32(get(1))),
      when(eqz(notPlainWord(3)), [inc(1, 4), br(1)]),
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
const hex: WasmFunction = {
  params: 2,
  locals: 0,
  body: [
    loop([
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
const cmp: WasmFunction = {
  params: 4,
  locals: 4, // 4 shorter, 5 index, 6 x, 7 y
  body: [
    set(4, get(1)),
    when(lt(get(3), get(1)), set(4, get(3))),
    set(5, k(0)),
    // Four bytes at a time while they are equal (the memory is padded: the reads stay inside).
    loop(
      when(and(le(add(get(5), k(4)), get(4)), eq(u32(add(get(0), get(5))), u32(add(get(2), get(5))))), [
        inc(5, 4),
        br(1),
      ]),
    ),
    loop([
      when(eq(get(5), get(4)), [
        when(lt(get(1), get(3)), ret(k(-1))),
        when(gt(get(1), get(3)), ret(k(1))),
        ret(k(0)),
      ]),
      set(6, u8(add(get(0), get(5)))),
      set(7, u8(add(get(2), get(5)))),
      when(ne(get(6), get(7)), [when(lt(get(6), get(7)), ret(k(-1))), ret(k(1))]),
      inc(5),
      br(0),
    ]),
    k(0),
  ],
};

/** num(at): end of a canonical integer of at most 15 digits, or -1 (anything else is not proven). */
const num: WasmFunction = {
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
const val: WasmFunction = {
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
function literal(word: number, length: number): Code {
  return pick(eq(u32(get(0)), k(word)), add(get(0), k(length)), k(-1));
}
/** At local 0: end of `false`, or -1. */
function falseEnd(): Code {
  return pick(and(eq(u32(get(0)), k(FALS)), eq(u8(get(0), 4), k(0x65))), add(get(0), k(5)), k(-1));
}

/** obj(at, depth): end of a canonical object with plain keys, or -1; notes a key `output_ref`. */
const obj: WasmFunction = {
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
const arr: WasmFunction = {
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
const count: WasmFunction = {
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
const strs: WasmFunction = {
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

/** refs(at): end of an array of file refs (`ref`), or -1. */
const refs: WasmFunction = {
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
function matchKey(
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
const stringAt = (at: number, end: number): Code =>
  set(end, pick(eq(u8(get(at)), k(QUOTE)), call(STR, get(at)), k(-1)));

/** A quoted run of `length` hex digits at local `at`: its end in local `end`, or -1. */
const hexAt = (at: number, length: number, end: number): Code =>
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
const ref: WasmFunction = {
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

const out = (slot: number, value: Code): Code => st32(k(Layout.OUT + slot * 4), value);

/**
 * `cases[selector]` (then on after the switch), by one `br_table`: case i runs after the end of
 * the i-th innermost block and leaves the outermost one; a selector past the cases runs none.
 */
/** The order of the cases of `line`'s switch: each check's code is its position. */
const CASE_ORDER = [
  Check.Id,
  Check.Text,
  Check.Seq,
  Check.PrevHash,
  Check.Hash,
  Check.Evidence,
  Check.Record,
  Check.Strings,
  Check.Boolean,
  Check.Any,
  Check.Timestamp,
  Check.TraceId,
  Check.Attempt,
  Check.Unproven,
];
if (CASE_ORDER.some((check, position) => check !== position))
  throw new Error('audit-wasm-module: Check out of order');

function switchOn(selector: Code, cases: readonly Code[]): Code {
  const count = cases.length;
  const targets = Array.from({ length: count + 1 }, (_, index) => uleb(index));
  let inner: Code = [selector, 0x0e, uleb(count), targets];
  cases.forEach((code, index) => {
    inner = [block(inner), code, br(count - 1 - index)];
  });
  return block(inner);
}
const input = (slot: number): Code => u32(k(Layout.OUT + slot * 4));
/**
 * 1 in local `flag` when the `length` bytes at local `at` are those at the address in slot `last`
 * (whose length is in slot `lastLength`, or is `length` when that is undefined); else 0.
 */
function sameAsLast(flag: number, at: number, length: Code, last: number, lastLength?: number): Code {
  const known = lastLength === undefined ? ge(input(last), k(0)) : eq(length, input(lastLength));
  return [set(flag, k(0)), when(known, set(flag, eqz(call(CMP, get(at), length, input(last), length))))];
}

/**
 * line(start, end, fields, required): 1 when the line `[start, end)` (its newline at `end`) is
 * proven (see the module's comment), its positions in `Layout.OUT`; else 0.
 */
function lineFunction(fields: number, required: number, missionRank: number, hashBit: number): WasmFunction {
  return {
    params: 2,
    locals: 13, // 2 cut, 3 index, 4 key end, 5 key length, 6 rank, 7 seen, 8 value, 9 check, 10 value end, 11 flag, 12–14 seq
    export: 'line',
    body: [
      set(2, sub(get(1), k(HASH_SUFFIX_LENGTH))),
      when(le(get(2), get(0)), ret(k(0))),
      when(or(ne(u8(get(0)), k(OPEN_BRACE)), ne(u8(get(2)), k(COMMA))), ret(k(0))),
      set(3, add(get(0), k(1))),
      set(6, k(0)),
      set(7, k(0)),
      out(Out.dataStart, k(-1)),
      out(Out.dataNamesOutputRef, k(0)),
      block(
        loop([
          when(eq(get(3), add(get(2), k(1))), br(2)),
          when(or(gt(get(3), get(2)), ne(u8(get(3)), k(QUOTE))), ret(k(0))),
          set(4, call(STR, get(3))),
          when(or(lt(get(4), k(0)), eqz(gget(PLAIN))), ret(k(0))),
          when(ne(u8(get(4)), k(COLON)), ret(k(0))),
          set(5, sub(sub(get(4), get(3)), k(2))),
          matchKey(3, 5, 6, Layout.FIELDS, 32, fields, 0, 10),
          set(8, add(get(4), k(1))),
          set(9, u8(get(6), Layout.CHECKS)),
          set(10, k(-1)),
          // The value's check, by its code (`Check`); Hash (in the body) and Unproven leave -1.
          switchOn(get(9), [
            // in CASE_ORDER
            // Id
            [
              stringAt(8, 10),
              when(le(get(10), add(get(8), k(2))), ret(k(0))),
              when(eq(get(6), k(missionRank)), [
                out(Out.missionStart, get(8)),
                out(Out.missionEnd, get(10)),
                sameAsLast(11, 8, sub(get(10), get(8)), Out.lastMission, Out.lastMissionLength),
                out(Out.missionKnown, get(11)),
              ]),
            ],
            // Text
            stringAt(8, 10),
            // Seq
            [
              set(10, call(COUNT, get(8), k(0))),
              // Its value as two i32 (at most 15 digits): the digits before the last nine, and those.
              set(12, k(0)),
              set(13, k(0)),
              set(14, get(8)),
              loop(
                when(lt(get(14), get(10)), [
                  when(
                    gt(sub(get(10), get(14)), k(9)),
                    set(12, add(mul(get(12), k(10)), sub(u8(get(14)), k(ZERO)))),
                    set(13, add(mul(get(13), k(10)), sub(u8(get(14)), k(ZERO)))),
                  ),
                  inc(14),
                  br(1),
                ]),
              ),
              out(Out.seqHigh, get(12)),
              out(Out.seqLow, get(13)),
            ],
            // PrevHash: usually the last vouched line's hash (so it is hex); else it must be hex itself.
            [
              out(Out.prevHash, add(get(8), k(1))),
              set(8, add(get(8), k(1))),
              sameAsLast(11, 8, k(64), Out.lastHash),
              set(8, sub(get(8), k(1))),
              out(Out.prevHashKnown, get(11)),
              when(
                get(11),
                set(
                  10,
                  pick(
                    and(eq(u8(get(8)), k(QUOTE)), eq(u8(get(8), 65), k(QUOTE))),
                    add(get(8), k(66)),
                    k(-1),
                  ),
                ),
                hexAt(8, 64, 10),
              ),
            ],
            // Hash
            [],
            // Evidence
            set(10, call(REFS, get(8))),
            // Record
            when(eq(u8(get(8)), k(OPEN_BRACE)), set(10, call(VAL, get(8), k(0)))),
            // Strings
            set(10, call(STRS, get(8))),
            // Boolean
            [
              when(
                eq(u8(get(8)), k(0x74)),
                set(10, pick(eq(u32(get(8)), k(TRUE)), add(get(8), k(4)), k(-1))),
              ),
              when(eq(u8(get(8)), k(0x66)), [
                set(
                  10,
                  pick(and(eq(u32(get(8)), k(FALS)), eq(u8(get(8), 4), k(0x65))), add(get(8), k(5)), k(-1)),
                ),
              ]),
            ],
            // Any
            [
              gset(OUTPUT_REF_SEEN, k(0)),
              set(10, call(VAL, get(8), k(0))),
              out(Out.dataStart, get(8)),
              out(Out.dataEnd, get(10)),
              out(Out.dataNamesOutputRef, gget(OUTPUT_REF_SEEN)),
            ],
            // Timestamp
            [
              stringAt(8, 10),
              when(eqz(gget(PLAIN)), ret(k(0))),
              out(Out.timestampStart, get(8)),
              out(Out.timestampEnd, get(10)),
              sameAsLast(11, 8, sub(get(10), get(8)), Out.lastTimestamp, Out.lastTimestampLength),
              out(Out.timestampKnown, get(11)),
            ],
            // TraceId
            hexAt(8, 32, 10),
            // Attempt
            set(10, call(COUNT, get(8), k(1))),
            // Unproven
            [],
          ]),
          // Hash (in the body), Unproven: left at -1.
          when(lt(get(10), k(0)), ret(k(0))),
          set(7, or(get(7), shl(k(1), get(6)))),
          inc(6),
          when(ne(u8(get(10)), k(COMMA)), ret(k(0))),
          set(3, add(get(10), k(1))),
          br(0),
        ]),
      ),
      // `"hash":"<64>"}` closes the line (its 64 bytes are compared with the digest by the caller).
      when(ne(call(CMP, add(get(2), k(1)), k(8), k(Layout.HASH_KEY), k(8)), k(0)), ret(k(0))),
      when(or(ne(u8(get(1), 0), k(0x0a)), ne(u8(sub(get(1), k(2))), k(QUOTE))), ret(k(0))),
      when(ne(u8(sub(get(1), k(1))), k(CLOSE_BRACE)), ret(k(0))),
      eq(and(or(get(7), k(hashBit)), k(required)), k(required)),
    ],
  };
}

/**
 * The module's bytes for a field table of `fields` names (in name order) whose required ones are
 * the bits `required` (bit = rank), with `mission_id` at `missionRank` and `hash` at `hashRank`.
 */
export function scannerModule(
  fields: number,
  required: number,
  missionRank: number,
  hashRank: number,
): Uint8Array<ArrayBuffer> {
  const functions = [str, hex, cmp, num, val, obj, arr, count, strs, refs, ref];
  return encodeModule([...functions, lineFunction(fields, required, missionRank, 1 << hashRank)], 2, 1);
}
