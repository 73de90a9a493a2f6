import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../contracts/index.js';
import { createWasmLineScanner, type WasmLineScanner } from './audit-wasm-scan.js';
import type { ScannedReceipt } from './scan-receipt-line.js';
import { freshScanned, lineOf, receiptBase } from './test-receipt-lines.js';

/** One line of a generated board: its values, what was done to it, whether an anchor names it. */
interface Spec {
  mission: string;
  timestamp: string;
  output: boolean;
  edit: 'none' | 'hash' | 'prev' | 'seq' | 'unproven' | 'newline in hash' | 'hash key early';
  anchored: boolean;
}

const USUAL: Spec = {
  mission: 'mi_a',
  timestamp: '2026-01-01T00:00:00Z',
  output: false,
  edit: 'none',
  anchored: false,
};
/** Mostly lines like the one before (usual lines), else one thing different, or anything of these. */
const spec: fc.Arbitrary<Spec> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(USUAL) },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom<Partial<Spec>>(
        { mission: 'mi_b' },
        { mission: 'mi_ü' },
        { timestamp: '2026-01-01T00:00:01Z' },
        // Fits the line's shape but not the schema's pattern (refused after the WebAssembly check).
        { timestamp: '2026-13-01T00:00:00Z' },
        { output: true },
        { edit: 'hash' },
        { edit: 'prev' },
        { edit: 'seq' },
        { edit: 'unproven' },
        { anchored: true },
      )
      .map((change) => ({ ...USUAL, ...change })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      mission: fc.constantFrom('mi_a', 'mi_b', 'mi_ü'),
      timestamp: fc.constantFrom('2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', '2026-13-01T00:00:00Z'),
      output: fc.boolean(),
      edit: fc.constantFrom('none', 'hash', 'prev', 'seq', 'unproven'),
      anchored: fc.boolean(),
    }),
  },
);

/** The board's lines: a chain (each prev_hash the stored hash of the line before), with the edits. */
function boardLines(specs: readonly Spec[]): string[] {
  let prev = GENESIS_HASH;
  return specs.map((line, seq) => {
    const data: Record<string, unknown> = { n: line.edit === 'unproven' ? 1.5 : seq };
    if (line.output) data.output_ref = { sha256: 'c'.repeat(64) };
    const text = lineOf({
      ...receiptBase(seq),
      data,
      mission_id: line.mission,
      timestamp: line.timestamp,
      seq: line.edit === 'seq' ? seq + 1 : seq,
      prev_hash: line.edit === 'prev' ? 'f'.repeat(64) : prev,
    });
    const stored =
      line.edit === 'hash' ? text.replace(/"hash":"(.)/, (_, c) => `"hash":"${c === '0' ? '1' : '0'}`) : text;
    prev = JSON.parse(stored).hash;
    return stored;
  });
}

/** What the audit reads of a line the scanner vouched for (undefined: not vouched). */
type Seen =
  | Pick<ScannedReceipt, 'seq' | 'prevHash' | 'hash' | 'missionId' | 'dataNamesOutputRef'>
  | undefined;
const seenOf = (out: ScannedReceipt): Seen => ({
  seq: out.seq,
  missionId: out.missionId,
  prevHash: out.prevHash,
  hash: out.hash,
  dataNamesOutputRef: out.dataNamesOutputRef,
});

/** Chunks of whole lines, cut after the given line counts. */
function chunksOf(lines: readonly string[], cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (lines.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of [...points, lines.length]) {
    if (point > from) chunks.push(Buffer.from(`${lines.slice(from, point).join('\n')}\n`));
    from = Math.max(from, point);
  }
  return chunks;
}

/** Lines `byRuns` saw vouched for as usual lines (the test is not vacuous). */
let usualLines = 0;

/** The reference: each line by `scan` alone (as decision 0062's audit read them). */
function lineByLine(chunks: readonly Buffer[]): Seen[] {
  const scanner = createWasmLineScanner() as WasmLineScanner;
  const seen: Seen[] = [];
  for (const chunk of chunks) {
    scanner.load(chunk);
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end >= 0; end = chunk.indexOf(0x0a, start)) {
      const out = freshScanned();
      seen.push(scanner.scan(chunk, start, end, out) ? seenOf(out) : undefined);
      start = end + 1;
    }
  }
  return seen;
}

/**
 * As the audit reads them now (`audit-blackboard.ts`): runs, the usual lines at once, the others
 * by `vouch`, a line neither vouches for by `scan`. Each usual line's values are what the audit
 * takes for it: its seq the line's index, its prev_hash the last hash, its hash the stored one.
 */
function byRuns(chunks: readonly Buffer[], specs: readonly Spec[]): Seen[] {
  // The file's lines (an edit may have split one), and the hash each names (if it parses).
  const lines = chunks.flatMap((chunk) => chunk.toString('utf8').slice(0, -1).split('\n'));
  const hashOf = (index: number): string => {
    try {
      return String(JSON.parse(lines[index] as string).hash);
    } catch {
      return '';
    }
  };
  const scanner = createWasmLineScanner() as WasmLineScanner;
  const seen: Seen[] = [];
  let prevHash = GENESIS_HASH;
  let lastMission = '';
  const anchorFrom = (seq: number) => specs.findIndex((line, index) => index >= seq && line.anchored);
  const out = freshScanned();
  for (const chunk of chunks) {
    scanner.load(chunk);
    let start = 0;
    while (start < chunk.length) {
      const count = scanner.run(chunk, start, chunk.length);
      let index = 0;
      while (index < count) {
        const usual = scanner.vouchUsual(index, seen.length, anchorFrom(seen.length), prevHash, out);
        usualLines += usual;
        for (let line = 0; line < usual; line += 1) {
          const hash = hashOf(seen.length);
          // The mission id of the last line this scanner vouched for (the audit has counted it).
          seen.push({ seq: seen.length, prevHash, hash, missionId: lastMission, dataNamesOutputRef: false });
          prevHash = hash;
        }
        if (usual > 0) {
          expect(out.hash).toBe(prevHash);
          index += usual;
          start = scanner.lineEnd(index - 1) + 1;
          if (index === count) break;
        }
        const end = scanner.vouch(index, out);
        if (end < 0) break;
        seen.push(seenOf(out));
        lastMission = out.missionId;
        prevHash = out.hash;
        start = end + 1;
        index += 1;
      }
      if (count > 0 && index === count) continue;
      const end = chunk.indexOf(0x0a, start);
      const vouched = scanner.scan(chunk, start, end, out);
      seen.push(vouched ? seenOf(out) : undefined);
      if (vouched) lastMission = out.missionId;
      prevHash = vouched ? out.hash : hashOf(seen.length - 1);
      start = end + 1;
    }
  }
  return seen;
}

describe('WasmLineScanner runs', () => {
  it('vouch for exactly the lines, with exactly the values, that scanning each line alone gives (fuzzed boards, edits, chunk cuts, anchors)', () => {
    let vouched = 0;
    let refusedInRun = 0;
    usualLines = 0;
    fc.assert(
      fc.property(
        fc.array(spec, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        (specs, cuts) => {
          const lines = boardLines(specs);
          const chunks = chunksOf(lines, cuts);
          const reference = lineByLine(chunks);
          expect(byRuns(chunks, specs)).toEqual(reference);
          vouched += reference.filter((line) => line !== undefined).length;
          refusedInRun += specs.filter((line) => line.edit === 'hash').length;
        },
      ),
      { numRuns: 600 },
    );
    expect(vouched).toBeGreaterThan(1000);
    expect(usualLines).toBeGreaterThan(300);
    expect(refusedInRun).toBeGreaterThan(30);
  });

  it('a long run of usual lines is vouched for in one call, and stops at an anchored seq, an edited hash and an output', () => {
    const specs: Spec[] = Array.from({ length: 50 }, () => ({ ...USUAL }));
    (specs[20] as Spec).anchored = true;
    (specs[30] as Spec).edit = 'hash';
    (specs[40] as Spec).output = true;
    const lines = boardLines(specs);
    const [chunk] = chunksOf(lines, []) as [Buffer];
    const scanner = createWasmLineScanner() as WasmLineScanner;
    scanner.load(chunk);
    const out = freshScanned();
    // The run proves the shape of every line (the hash is compared when each is vouched for).
    expect(scanner.run(chunk, 0, chunk.length)).toBe(50);
    // Line 0 has no line before it that this scanner vouched for: not a usual line.
    expect(scanner.vouchUsual(0, 0, 20, GENESIS_HASH, out)).toBe(0);
    expect(scanner.vouch(0, out)).toBe(scanner.lineEnd(0));
    // Then the usual lines up to the anchored seq 20, at once.
    expect(scanner.vouchUsual(1, 1, 20, out.hash, out)).toBe(19);
    expect(out.hash).toBe(JSON.parse(lines[19] as string).hash);
    // A wrong expected prev_hash or seq: none.
    expect(scanner.vouchUsual(20, 20, -1, 'e'.repeat(64), out)).toBe(0);
    expect(scanner.vouchUsual(20, 21, -1, out.hash, out)).toBe(0);
    expect(scanner.vouch(20, out)).toBe(scanner.lineEnd(20));
    expect(scanner.vouchUsual(21, 21, -1, out.hash, out)).toBe(9);
    // Line 30's hash was edited (the run proved its shape only): refused, the rest of the run dropped.
    expect(scanner.vouchUsual(30, 30, -1, out.hash, out)).toBe(0);
    expect(scanner.vouch(30, out)).toBe(-1);
    expect(scanner.vouch(31, out)).toBe(-1);
  });

  it('a run left without vouching for its lines does not change what the next line is read against', () => {
    const lines = boardLines(Array.from({ length: 4 }, () => USUAL));
    const [chunk] = chunksOf(lines, []) as [Buffer];
    const starts = [0];
    for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a, at + 1)) starts.push(at + 1);
    const hashes = lines.map((line) => JSON.parse(line).hash as string);
    const scanner = createWasmLineScanner() as WasmLineScanner;
    scanner.load(chunk);
    const out = freshScanned();
    expect(scanner.scan(chunk, 0, (starts[1] as number) - 1, out)).toBe(true);
    // Lines 1 and 2 proven by a run, not vouched for: line 0 is still the last vouched line.
    expect(scanner.run(chunk, starts[1] as number, starts[3] as number)).toBe(2);
    expect(scanner.scan(chunk, starts[3] as number, (starts[4] as number) - 1, out)).toBe(true);
    // Its prev_hash (line 2's hash) read from its bytes, not taken for line 0's digest.
    expect(out.prevHash).toBe(hashes[2]);
    expect(out.hash).toBe(hashes[3]);
  });
});
