import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, ReceiptSchema } from '../contracts/index.js';
import { checkReceiptLine } from './check-receipt-line.js';
import { TIMESTAMP } from './scan-receipt-fields.js';
import type { ScannedReceipt } from './scan-receipt-line.js';
import { RECEIPT_FIELDS, scanReceiptLine } from './scan-receipt-line.js';
import { freshScanned, lineOf, receiptBase, receiptBodies, rehash } from './test-receipt-lines.js';

const base = receiptBase(1.5);

const fresh = freshScanned;

/** The byte check of one line, on a buffer holding the line and its newline. */
function scan(line: string, out = fresh()): ScannedReceipt | undefined {
  const bytes = Buffer.from(`${line}\n`, 'utf8');
  return scanReceiptLine(bytes, 0, bytes.length - 1, out) ? out : undefined;
}

/** The property that makes the fast path safe: what it accepts, the slow path accepts the same way. */
function agreesWithSlowPath(line: string): boolean {
  const fast = scan(line);
  if (fast === undefined) return false;
  // What the audit looked for before: the bytes `"output_ref":` anywhere in the payload.
  const data = Buffer.from(line).subarray(fast.dataStart, fast.dataEnd);
  expect(fast.dataNamesOutputRef).toBe(fast.dataStart >= 0 && data.includes('"output_ref":'));
  const slow = checkReceiptLine(line);
  expect(slow.kind).toBe('receipt');
  if (slow.kind !== 'receipt') return true;
  expect(slow.problem).toBeUndefined();
  expect(fast).toMatchObject({
    seq: slow.receipt.seq,
    prevHash: slow.receipt.prev_hash,
    hash: slow.receipt.hash,
    missionId: slow.receipt.mission_id,
  });
  return true;
}

const text = fc.string({ unit: 'binary', maxLength: 12 });
const anyJson = fc.jsonValue({ maxDepth: 3 });
/** Field values the schema accepts and many it refuses. */
const fieldValue = fc.oneof(
  { weight: 3, arbitrary: anyJson },
  fc.constantFrom('', 'x', 'a'.repeat(64), 'A'.repeat(64), 'f'.repeat(32), '2026-02-29T00:00:00Z'),
  fc.constantFrom(0, 1, -1, 1.5, 2 ** 53, true, null, [], {}, ['a', 1]),
  // Payloads that do and do not name a phase output (`dataNamesOutputRef`).
  fc.constantFrom(
    { output_ref: { sha256: 'a'.repeat(64) } },
    { a: [{ output_ref: 1 }] },
    { s: '"output_ref":1' },
    { output_refs: 1, output_re: 2 },
    ['output_ref'],
  ),
  fc.record({ index: fc.integer({ min: -1, max: 3 }), total: fc.integer({ min: 0, max: 3 }) }),
  fc.array(
    fc.record(
      {
        kind: fc.constantFrom('file', 'url', 'metric', 'x'),
        path: fc.constantFrom('', 'a.ts', 'ü/é.ts'),
        lines: fc.oneof(
          fc.tuple(fc.integer({ min: -1, max: 20 }), fc.integer({ min: 0, max: 20 })),
          fc.constant([1]),
        ),
        sha256: fc.constantFrom('b'.repeat(64), 'B'.repeat(64), 'b'),
        quote: fc.oneof(text, fc.constant(3)),
        commit: text,
        url: fc.constantFrom('https://example.invalid/a', 'not a url'),
        content_sha256: fc.constant('c'.repeat(64)),
        name: text,
        value: fc.oneof(fc.integer(), text),
        source: text,
        extra: anyJson,
      },
      { requiredKeys: [] },
    ),
    { maxLength: 3 },
  ),
);

/** A receipt body: the base with some fields replaced, dropped or added (any key, any value). */
const body = receiptBodies(base, fieldValue, 3);

/**
 * Byte edits that keep the line looking like JSON, each with its hash recomputed over the edited
 * bytes (what a forger would do): the fast path must not accept what the slow path refuses.
 */
function edits(line: string): string[] {
  return [
    line.replace('":', '": '),
    line.replace(',"', ', "'),
    line.replace('"lane_id"', '"lane_id":"x","lane_id"'),
    line.replace(/"([a-z])/, (_, char: string) => `"\\u00${char.charCodeAt(0).toString(16)}`),
    line.replace('"looked"', '"look\\/ed"'),
    line.replace('"seq":0', '"seq":0.0'),
    line.replace('"seq":0', '"seq":-0'),
    line.replace('"seq":0', '"seq":00'),
    line.replace('1.5', '1.50'),
    line.replace('1.5', '15e-1'),
    line.replace('1.5', '-0'),
    line.replace('1.5', '1E5'),
    line.replace('looked', 'look\ted'),
    line.replace('looked', 'look\\u0009ed'),
    line.replace('looked', 'look\\u000bed'),
    line.replace('looked', 'look\\u000Bed'),
    line.replace('looked', '\\ud83d\\ude00'),
    line.replace('looked', '\\ud83d'),
    line.replace('looked', '\\ude00\\ud83d'),
    line.replace('{', '{ '),
    line.replace('"lane_id"', '"lane_id":"x","hash":"y","lane_id"'),
    line.replace('"x":"y"', '"x":"y","x":"z"'),
    line.replace('"x":"y"', '"x":"y","a":1'),
    line.replace(/"evidence_refs":\[\{/, '"evidence_refs":[{"kind":"url",'),
    line.replace(/("kind":"file")/, '$1,"kind":"file"'),
    // Inside a file ref: known keys out of order or twice, unknown keys beside known ones.
    line.replace(/"kind":"file","lines":(\[[0-9,]*\])/, '"lines":$1,"kind":"file"'),
    line.replace('"path":"src/a.ts"', '"path":"src/a.ts","path":"src/b.ts"'),
    line.replace('"kind":"file"', '"kin":1,"kind":"file"'),
    line.replace('"kind":"file"', '"kind":"file","kinda":1'),
    line.replace('"kind":"file"', '"kind":"file","kind":1'),
    line.replace('"kind":"file"', '"kind":"file","k\u00e9":1'),
  ].map(rehash);
}

describe('scanReceiptLine', () => {
  it('knows every field of the receipt schema, with the same required ones and the same timestamp pattern', () => {
    const shape = ReceiptSchema.shape as unknown as Record<
      string,
      { safeParse(value: unknown): { success: boolean } }
    >;
    expect(Object.keys(RECEIPT_FIELDS).sort()).toEqual(Object.keys(shape).sort());
    for (const [name, { required }] of Object.entries(RECEIPT_FIELDS)) {
      expect({ name, required }).toEqual({ name, required: !shape[name]?.safeParse(undefined).success });
    }
    const pattern = (ReceiptSchema.shape.timestamp as unknown as { _zod: { def: { pattern: RegExp } } })._zod
      .def.pattern;
    expect(TIMESTAMP.source).toBe(pattern.source);
    expect(TIMESTAMP.flags).toBe(pattern.flags);
  });

  it('vouches for the lines the writer writes, with the fields the slow path reads', () => {
    expect(agreesWithSlowPath(lineOf(base))).toBe(true);
    const chained = scan(
      lineOf({ ...base, seq: 7, prev_hash: 'e'.repeat(64), data: { output_ref: { a: 1 } } }),
    );
    expect(chained).toMatchObject({
      seq: 7,
      prevHash: 'e'.repeat(64),
      missionId: 'mi_a',
      dataNamesOutputRef: true,
    });
    // Only `data` counts: the same key elsewhere, or as text, is no reference.
    const elsewhere = { ...base, safety_envelope: { output_ref: 1 }, data: { s: '"output_ref":' } };
    expect(scan(lineOf(elsewhere))?.dataNamesOutputRef).toBe(false);
    expect(scan(lineOf({ ...base, data: { a: { b: [{ output_ref: null }] } } }))?.dataNamesOutputRef).toBe(
      true,
    );
    const bytes = Buffer.from(`${lineOf({ ...base, data: { x: [1] } })}\n`);
    const out = fresh();
    scanReceiptLine(bytes, 0, bytes.length - 1, out);
    expect(bytes.toString('utf8', out.dataStart, out.dataEnd)).toBe('{"x":[1]}');
    // Non-ASCII, escapes JSON.stringify writes, lone surrogates, keys sorted by UTF-16 code units.
    const unusual = {
      ...base,
      mission_id: 'mi_ü',
      summary: 'a"b\\c\n\u0001\u007f\u2028😀\ud800',
      data: { '\uffff': 1, '\u{10000}': 2, é: 3, __proto__x: 4, n: [-1, 0, 1e21, 1.5e-7, -0.25] },
      trace_id: 'a'.repeat(32),
      attempt: 2,
      regen_flag: true,
    };
    expect(agreesWithSlowPath(lineOf(unusual))).toBe(true);
    expect(scan(lineOf(unusual))?.missionId).toBe('mi_ü');
  });

  it('never accepts a line the slow path refuses or judges otherwise (fuzzed bodies and byte edits)', () => {
    let vouched = 0;
    fc.assert(
      fc.property(body, (receipt) => {
        let line: string;
        try {
          line = lineOf(receipt);
        } catch {
          return; // not JSON data (the writer refuses it too)
        }
        if (agreesWithSlowPath(line)) vouched += 1;
        for (const edited of edits(line)) if (edited !== line) agreesWithSlowPath(edited);
      }),
      { numRuns: 400 },
    );
    // The fast path is not vacuous: a good share of the fuzzed receipts are vouched for.
    expect(vouched).toBeGreaterThan(20);
  });

  it('leaves to the slow path what it cannot prove: a very deep payload, chunk_id, url refs, a bad hash', () => {
    let deep: unknown = 1;
    for (let depth = 0; depth < 80; depth += 1) deep = [deep];
    expect(scan(lineOf({ ...base, data: deep }))).toBeUndefined();
    expect(scan(lineOf({ ...base, chunk_id: { index: 1, total: 2 } }))).toBeUndefined();
    const url = { kind: 'url', url: 'https://example.invalid/', content_sha256: 'c'.repeat(64), quote: 'q' };
    expect(scan(lineOf({ ...base, evidence_refs: [url] }))).toBeUndefined();
    const good = lineOf(base);
    expect(scan(good.replace('looked', 'lookee'))).toBeUndefined();
    expect(scan(good.replace(/"hash":"[0-9a-f]/, '"hash":"A'))).toBeUndefined();
  });

  it('takes a mission id or timestamp equal to the last one on its bytes, and only a whole value', () => {
    const good = lineOf(base);
    expect(scan(good)?.missionId).toBe('mi_a');
    // The remembered bytes followed by anything but the next key: refused, as the slow path does.
    for (const edited of [
      good.replace('"mi_a"', '"mi_a"1'),
      good.replace('"mi_a"', '"mi_a""'),
      good.replace('"2026-01-01T00:00:00Z"', '"2026-01-01T00:00:00Z"0'),
      good.replace('"2026-01-01T00:00:00Z"', '"2026-01-01T00:00:00Z" '),
    ]) {
      expect(scan(rehash(edited))).toBeUndefined();
      const slow = checkReceiptLine(rehash(edited));
      expect(slow.kind === 'receipt' && slow.problem === undefined).toBe(false);
    }
    // A longer id or timestamp that starts like the last one is another value, read as such.
    expect(scan(lineOf({ ...base, mission_id: 'mi_ab' }))?.missionId).toBe('mi_ab');
    expect(scan(lineOf({ ...base, mission_id: 'mi_a' }))?.missionId).toBe('mi_a');
    expect(agreesWithSlowPath(lineOf({ ...base, timestamp: '2026-01-01T00:00:00.5Z' }))).toBe(true);
    expect(scan(lineOf({ ...base, timestamp: '2026-01-01T00:00:00Zx' }))).toBeUndefined();
    expect(scan(lineOf({ ...base, mission_id: '' }))).toBeUndefined();
    expect(agreesWithSlowPath(good)).toBe(true);
  });

  it('compares prev_hash with the previous hash it was given, and still accepts another hex one', () => {
    const out = fresh();
    out.hash = 'd'.repeat(64);
    expect(scan(lineOf({ ...base, prev_hash: 'd'.repeat(64) }), out)?.prevHash).toBe('d'.repeat(64));
    const other = fresh();
    other.hash = 'd'.repeat(64);
    expect(scan(lineOf(base), other)?.prevHash).toBe(GENESIS_HASH);
  });
});
