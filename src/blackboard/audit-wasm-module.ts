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
} from './audit-wasm-assembler.js';
import {
  arr,
  CLOSE_BRACE,
  CMP,
  COLON,
  COMMA,
  COUNT,
  cmp,
  count,
  FALS,
  hex,
  inc,
  num,
  OPEN_BRACE,
  OUTPUT_REF_SEEN,
  obj,
  PLAIN,
  QUOTE,
  REFS,
  STR,
  STRS,
  str,
  strs,
  TRUE,
  VAL,
  val,
  ZERO,
} from './audit-wasm-json.js';
import { Check, Layout, Out, RECORD_WORDS, Record } from './audit-wasm-layout.js';
import { hexAt, matchKey, ref, refs, stringAt } from './audit-wasm-refs.js';

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

const HASH_SUFFIX_LENGTH = 75;

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

/** `"hash":"` as two little-endian i32 loads (the bytes of `Layout.HASH_KEY`: held to them by `audit-wasm-simd.test.ts`). */
export const HASH_KEY_WORDS = [0x73616822, 0x223a2268] as const;

/** 1 when the 8 bytes at `at` are `"hash":"` (two loads, not a call: it is asked at every key). */
function hashKeyAt(at: Code): Code {
  return and(eq(u32(at), k(HASH_KEY_WORDS[0])), eq(u32(at, 4), k(HASH_KEY_WORDS[1])));
}

/** 1 when the bytes at `at` are `"hash":"`, 64 bytes, `"}` and a newline: the end of a line. */
function hashEndsLineAt(at: Code): Code {
  return and(
    and(hashKeyAt(at), eq(u8(at, HASH_SUFFIX_LENGTH - 3), k(QUOTE))),
    and(eq(u8(at, HASH_SUFFIX_LENGTH - 2), k(CLOSE_BRACE)), eq(u8(at, HASH_SUFFIX_LENGTH - 1), k(0x0a))),
  );
}

/**
 * line(start, end): 1 when the line `[start, end)` (its newline at `end`) is proven (see the
 * module's comment), its positions in `Layout.OUT`; else 0.
 *
 * With `findsEnd` (lineAt(start, _), for `run`): the same check of the line starting at `start`,
 * whose end it finds as it reads: the first key at which `"hash":"`, 64 bytes, `"}` and a newline
 * follow (its `,` is the cut). It answers the newline's address, or 0. The same lines are proven as
 * with `end` the first newline after `start`: a proven line holds no newline before its hash (no
 * raw control byte in a string, nothing between tokens), the 64 bytes are the hex digest the caller
 * compares them with, and a key at which the end is not found is read as a key (`hash` there is
 * refused, as before the cut).
 */
function lineFunction(
  fields: number,
  required: number,
  missionRank: number,
  hashBit: number,
  findsEnd = false,
): WasmFunction {
  const proven = eq(and(or(get(7), k(hashBit)), k(required)), k(required));
  return {
    params: 2,
    locals: 13, // 2 cut, 3 index, 4 key end, 5 key length, 6 rank, 7 seen, 8 value, 9 check, 10 value end, 11 flag, 12–14 seq
    ...(findsEnd ? {} : { export: 'line' }),
    body: [
      findsEnd
        ? when(ne(u8(get(0)), k(OPEN_BRACE)), ret(k(0)))
        : [
            set(2, sub(get(1), k(HASH_SUFFIX_LENGTH))),
            when(le(get(2), get(0)), ret(k(0))),
            when(or(ne(u8(get(0)), k(OPEN_BRACE)), ne(u8(get(2)), k(COMMA))), ret(k(0))),
          ],
      set(3, add(get(0), k(1))),
      set(6, k(0)),
      set(7, k(0)),
      out(Out.dataStart, k(-1)),
      out(Out.dataNamesOutputRef, k(0)),
      block(
        loop([
          findsEnd
            ? [
                when(hashEndsLineAt(get(3)), [
                  set(2, sub(get(3), k(1))),
                  set(1, add(get(3), k(HASH_SUFFIX_LENGTH - 1))),
                  br(2),
                ]),
                when(ne(u8(get(3)), k(QUOTE)), ret(k(0))),
              ]
            : [
                when(eq(get(3), add(get(2), k(1))), br(2)),
                when(or(gt(get(3), get(2)), ne(u8(get(3)), k(QUOTE))), ret(k(0))),
              ],
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
      // A line with no field before its hash (`{"hash":…}`) is not proven, as with the cut at `{`.
      findsEnd ? when(le(get(2), get(0)), ret(k(0))) : [],
      // `"hash":"<64>"}` closes the line (its 64 bytes are compared with the digest by the caller).
      when(eqz(hashKeyAt(add(get(2), k(1)))), ret(k(0))),
      when(or(ne(u8(get(1), 0), k(0x0a)), ne(u8(sub(get(1), k(2))), k(QUOTE))), ret(k(0))),
      when(ne(u8(sub(get(1), k(1))), k(CLOSE_BRACE)), ret(k(0))),
      findsEnd ? pick(proven, get(1), k(0)) : proven,
    ],
  };
}

/**
 * run(start, last, capacity): the lines from `start` up to `last` (a line's start: every line
 * before it ends with a newline) checked by `lineAt` (function `lineIndex`) in order, one call for
 * many lines, until one is not proven or `capacity` records are written; returns how many.
 * Record i (at `Layout.RECORDS` + i · `RECORD_WORDS` words) holds the `Out` slots its line left
 * and where the line is (`Record`). After each proven line the `last…` slots name it, as the
 * caller names a line it vouched for: the next line is read against it. The caller vouches for the
 * records in order (hash, timestamp pattern) and, at one it refuses, names again the last line
 * it vouched for (`audit-wasm-scan.ts`).
 */
function runFunction(lineIndex: number): WasmFunction {
  const record = (word: number, value: Code): Code => st32(get(5), value, word * 4);
  return {
    params: 3,
    locals: 3, // 3 count, 4 the line's newline, 5 its record
    export: 'run',
    body: [
      set(3, k(0)),
      block(
        loop([
          when(or(ge(get(0), get(1)), ge(get(3), get(2))), br(2)),
          // The line, its newline found as it is read (a line not proven: 0).
          set(4, call(lineIndex, get(0), k(0))),
          when(eqz(get(4)), br(2)),
          set(5, add(k(Layout.RECORDS), mul(get(3), k(RECORD_WORDS * 4)))),
          Array.from({ length: Record.OUT_WORDS }, (_, word) => record(word, input(word))),
          record(Record.start, get(0)),
          record(Record.end, get(4)),
          out(Out.lastHash, sub(get(4), k(HASH_SUFFIX_LENGTH - 9))),
          out(Out.lastTimestamp, input(Out.timestampStart)),
          out(Out.lastTimestampLength, sub(input(Out.timestampEnd), input(Out.timestampStart))),
          out(Out.lastMission, input(Out.missionStart)),
          out(Out.lastMissionLength, sub(input(Out.missionEnd), input(Out.missionStart))),
          inc(3),
          set(0, add(get(4), k(1))),
          br(0),
        ]),
      ),
      get(3),
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
  const line = lineFunction(fields, required, missionRank, 1 << hashRank);
  const lineAt = lineFunction(fields, required, missionRank, 1 << hashRank, true);
  return encodeModule([...functions, line, lineAt, runFunction(functions.length + 1)], 2, 1);
}
