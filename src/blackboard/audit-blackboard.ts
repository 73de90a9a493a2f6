import { isUtf8 } from 'node:buffer';
import { stat } from 'node:fs/promises';
import { type LineChunk, readAuditChunks, readRange } from './audit-read-chunks.js';
import { createWasmLineScanner, type WasmLineScanner } from './audit-wasm-scan.js';
import type { ChunkResult } from './audit-worker-pool.js';
import { createAuditWorkerPool } from './audit-worker-pool.js';
import { readBlackboardAnchors } from './blackboard-anchors.js';
import { BlackboardError } from './blackboard-error.js';
import type { AnchorCheck } from './check-anchors.js';
import { checkAnchors } from './check-anchors.js';
import type { OutputRefCheck } from './check-output-refs.js';
import type { CheckedLine } from './check-receipt-line.js';
import { errorCode } from './error-code.js';
import type { ScannedReceipt } from './scan-receipt-line.js';
import { scanReceiptLine } from './scan-receipt-line.js';
import { listSetAsideFiles } from './set-aside-torn-line.js';
import type { TornLine } from './split-blackboard-text.js';

/** `GENESIS_HASH` (contracts), spelled here so an audit of good lines loads no schema library. */
const GENESIS = '0'.repeat(64);
const NEWLINE = 0x0a;
/** From this size the chunks are checked on worker threads (below it, starting them costs more than it saves). */
export const PARALLEL_FROM_BYTES = 128 * 2 ** 20;

/** The verdict of an audit of one blackboard file. */
export interface AuditResult {
  path: string;
  /** True when every complete line is a canonical receipt in an intact chain that every anchor matches. A torn last line does not make it false. */
  ok: boolean;
  /** Complete lines that parse as receipts. */
  receipts: number;
  /** Distinct mission ids among them. */
  missions: number;
  /** Distinct phase outputs the receipts reference by hash (decision 0027), each read and compared. */
  outputs: number;
  /** The first line that breaks the chain, 1-based, with why (line 0: the file as a whole). */
  firstBad?: { line: number; reason: string };
  /** A torn last line (a crash mid-write); reported as a warning, it is set aside on the next append. */
  torn?: TornLine;
  /** Torn lines set aside earlier, kept next to the file. */
  setAside: string[];
  /** The chain and digests against `<file>.anchors.jsonl` (decision 0017). */
  anchors?: AnchorCheck;
}

/** The slow path, loaded at the first line the byte check cannot vouch for (it brings the schema). */
type CheckLine = (text: string) => CheckedLine;
let checkLineSlowly: CheckLine | undefined;
async function slowPath(): Promise<CheckLine> {
  checkLineSlowly ??= (await import('./check-receipt-line.js')).checkReceiptLine;
  return checkLineSlowly;
}

/**
 * Verifies a blackboard, streaming it in chunks of whole lines (memory bounded by the chunk and
 * the longest line): each line parses, fits the receipt schema, is byte for byte the canonical
 * form (so duplicate keys or added whitespace that parse to the same JSON are caught), has `seq`
 * equal to its index, chains to the previous line's `hash` (or GENESIS_HASH) and has a `hash`
 * that recomputes; every phase output a receipt references is there and intact (decision 0027);
 * then every anchor is checked (`checkAnchors`). An empty file is not a blackboard.
 *
 * Each line is first checked on its bytes (`scanReceiptLine`: canonical, fits the schema, hash
 * over the bytes themselves); a line that check cannot vouch for is judged by `checkReceiptLine`
 * (parse, schema, canonical form, hash), so the verdict and its reason never depend on the fast
 * path (decision 0031).
 *
 * A file of `parallelFromBytes` (128 MiB) or more is checked on worker threads, chunk by chunk
 * (the built package only; the same verdicts, `audit-workers.e2e.test.ts`).
 *
 * A torn last line is a crash, not tampering: it is reported in `torn` and leaves `ok` true.
 *
 * @throws BlackboardError `BLACKBOARD_NOT_FOUND` when there is no file to audit.
 */
export async function auditBlackboard(
  path: string,
  options: { parallelFromBytes?: number } = {},
): Promise<AuditResult> {
  try {
    await stat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      throw new BlackboardError('BLACKBOARD_NOT_FOUND', path, `no blackboard at ${path}`, { cause: error });
    }
    throw error;
  }
  const missions = new Set<string>();
  // Only the lines the anchors name are remembered: memory does not grow with the history.
  const anchoredSeqs = new Set((await readBlackboardAnchors(path)).anchors.map((anchor) => anchor.seq));
  const seen = new Map<number, { hash: string; offset: number }>();
  /** The anchored seqs in order, and the first anchored seq from `seq` on (-1: none), for `seq` that only grows. */
  const anchorOrder = [...anchoredSeqs].sort((left, right) => left - right);
  let anchorNext = 0;
  const anchorFrom = (seq: number): number => {
    while (anchorNext < anchorOrder.length && (anchorOrder[anchorNext] as number) < seq) anchorNext += 1;
    return anchorOrder[anchorNext] ?? -1;
  };
  let receipts = 0;
  let firstBad: AuditResult['firstBad'];
  let prevHash: string | undefined = GENESIS;
  let torn: TornLine | undefined;
  let lineNumber = 0;
  let outputs: OutputRefCheck | undefined;
  // The previous receipt's hash is kept in `scanned.hash`: the byte check compares the next prev_hash with it.
  const scanned: ScannedReceipt = {
    seq: -1,
    prevHash: '',
    hash: GENESIS,
    missionId: '',
    dataStart: -1,
    dataEnd: -1,
    dataNamesOutputRef: false,
  };

  /** Notes a receipt's payload for the phase-output check (loaded at the first payload that names an output). */
  const noteOutput = (line: number, data: unknown): Promise<void> | undefined => {
    if (outputs !== undefined) {
      outputs.note(line, data);
      return undefined;
    }
    return import('./check-output-refs.js').then(({ createOutputRefCheck }) => {
      outputs ??= createOutputRefCheck(path);
      outputs.note(line, data);
    });
  };

  // The first byte check of each line: fast from the first line, where the JS scanner still runs
  // in the interpreter; what it does not prove goes to the JS scanner (decision 0062).
  const wasm = createWasmLineScanner();

  /** The mission id last added to `missions` (a cheap test before the set's). */
  let lastMission = '';
  const receiptAt = (
    offset: number,
    receipt: { seq: number; prev_hash: string; hash: string; mission_id: string },
    problem?: 'hash' | 'canonical',
  ) => {
    receipts += 1;
    missions.add(receipt.mission_id);
    if (anchoredSeqs.has(lineNumber - 1)) seen.set(lineNumber - 1, { hash: receipt.hash, offset });
    if (firstBad === undefined) {
      const reason = chainProblem(lineNumber, receipt, problem, prevHash);
      if (reason !== undefined) firstBad = { line: lineNumber, reason };
    }
    prevHash = receipt.hash;
  };

  /** A line a byte check vouched for (`scanned` holds its values), at file offset `offset`: counted in its place. */
  const counted = (bytes: Buffer, offset: number): Promise<void> | undefined => {
    lineNumber += 1;
    const { dataStart, dataEnd } = scanned;
    if (firstBad === undefined && scanned.seq === lineNumber - 1 && scanned.prevHash === prevHash) {
      // The usual line: in its place in the chain (what `receiptAt` finds, without a receipt object).
      receipts += 1;
      // The byte check hands back the same string while the mission does not change.
      if (scanned.missionId !== lastMission) missions.add(scanned.missionId);
      lastMission = scanned.missionId;
      if (anchoredSeqs.has(lineNumber - 1)) seen.set(lineNumber - 1, { hash: scanned.hash, offset });
      prevHash = scanned.hash;
    } else {
      receiptAt(offset, {
        seq: scanned.seq,
        prev_hash: scanned.prevHash,
        hash: scanned.hash,
        mission_id: scanned.missionId,
      });
    }
    if (scanned.dataNamesOutputRef) {
      return noteOutput(lineNumber, JSON.parse(bytes.toString('utf8', dataStart, dataEnd)));
    }
    return undefined;
  };

  /**
   * One complete line `[start, end)` of `bytes`, at file offset `offset`. Synchronous for the
   * usual line (no promise per line); a promise only when a module must be loaded first.
   */
  const check = (
    bytes: Buffer,
    start: number,
    end: number,
    offset: number,
    utf8: boolean,
  ): Promise<void> | undefined => {
    if (
      utf8 &&
      (wasm?.scan(bytes, start, end, scanned) === true || scanReceiptLine(bytes, start, end, scanned))
    ) {
      return counted(bytes, offset);
    }
    const slowly = checkLineSlowly;
    if (slowly === undefined) return slowPath().then(() => check(bytes, start, end, offset, utf8));
    lineNumber += 1;
    const parsed = slowly(bytes.toString('utf8', start, end));
    if (parsed.kind !== 'receipt') {
      const reason = parsed.kind === 'not-json' ? 'not valid JSON' : `not a receipt (${parsed.reason})`;
      firstBad ??= { line: lineNumber, reason: `line ${lineNumber}: ${reason}` };
      prevHash = undefined;
      scanned.hash = '';
      return undefined;
    }
    receiptAt(offset, parsed.receipt, parsed.problem);
    scanned.hash = parsed.receipt.hash;
    // The writer only writes UTF-8: other bytes are an edit even when they decode to the same text.
    if (!utf8 && !isUtf8(bytes.subarray(start, end))) {
      firstBad ??= {
        line: lineNumber,
        reason: `line ${lineNumber}: bytes that are not UTF-8 (receipts are written as UTF-8: the bytes were edited or damaged)`,
      };
    }
    return parsed.receipt.data === undefined ? undefined : noteOutput(lineNumber, parsed.receipt.data);
  };

  const { chunks, release } = readAuditChunks(path);
  // The last complete line is held back: a complete-looking last line that is not JSON is a crash, not damage.
  let held: { bytes: Buffer; start: number; end: number; offset: number; utf8: boolean } | undefined;
  /** The line held back, now that it is not the file's last; then its chunk's memory is free for a later read. */
  const checkHeld = async () => {
    if (held === undefined) return;
    const { bytes, start, end, offset, utf8 } = held;
    held = undefined;
    await check(bytes, start, end, offset, utf8);
    release(bytes);
  };
  /** Every line of a chunk, one by one (the torn tail when the chunk is the file's incomplete end). */
  const checkChunk = async (chunk: LineChunk) => {
    await checkHeld();
    if (!chunk.complete) {
      torn = { line: lineNumber + 1, text: chunk.bytes.toString('utf8') };
      return;
    }
    const { bytes, offset } = chunk;
    if (bytes.length === 0) return;
    // Whole lines never split a UTF-8 sequence: one check vouches for every line of the chunk.
    const utf8 = isUtf8(bytes);
    if (utf8) wasm?.load(bytes);
    // The chunk's last line is held back (see `held`): the lines before it are checked here.
    const last = bytes.length < 2 ? 0 : bytes.lastIndexOf(NEWLINE, bytes.length - 2) + 1;
    let start = 0;
    while (start < last) {
      // A run of lines whose shape one WebAssembly call proves, each then vouched for in order
      // (decision 0065); a line it does not prove, or one refused, is checked by `check`.
      const count = utf8 && wasm !== undefined ? wasm.run(bytes, start, last) : 0;
      const scanner = wasm as WasmLineScanner;
      let index = 0;
      while (index < count) {
        if (firstBad === undefined) {
          // The usual lines at once (what `counted` finds for each: no anchor, no output, in the chain).
          const usual = scanner.vouchUsual(
            index,
            lineNumber,
            anchorFrom(lineNumber),
            prevHash ?? '',
            scanned,
          );
          if (usual > 0) {
            lineNumber += usual;
            receipts += usual;
            prevHash = scanned.hash;
            index += usual;
            start = scanner.lineEnd(index - 1) + 1;
            if (index === count) break;
          }
        }
        const end = scanner.vouch(index, scanned);
        if (end < 0) break;
        const loading = counted(bytes, offset + start);
        if (loading !== undefined) await loading;
        start = end + 1;
        index += 1;
      }
      if (count > 0 && index === count) continue;
      const end = bytes.indexOf(NEWLINE, start);
      const loading = check(bytes, start, end, offset + start, utf8);
      if (loading !== undefined) await loading;
      start = end + 1;
    }
    held = { bytes, start: last, end: bytes.length - 1, offset: offset + last, utf8 };
  };

  // A large file's chunks are checked on worker threads, joined here in order; a chunk a worker
  // cannot vouch for whole (or that does not chain on) is checked line by line above.
  const parallelFrom = options.parallelFromBytes ?? PARALLEL_FROM_BYTES;
  const pool = (await stat(path)).size >= parallelFrom ? createAuditWorkerPool([...anchoredSeqs]) : undefined;
  interface Sent {
    offset: number;
    length: number;
    result: Promise<ChunkResult>;
  }
  const queue: Sent[] = [];
  const join = async (entry: Sent) => {
    const { verdict, bytes } = await entry.result;
    await checkHeld();
    // The chunk's first seq must be the number of lines before it (then every seq is its line's index).
    const fits = verdict.ok && verdict.firstSeq === lineNumber;
    const chains = verdict.ok && (firstBad !== undefined || verdict.firstPrev === prevHash);
    if (!verdict.ok || !fits || !chains) {
      // Its bytes came back with the verdict (moved to the worker, then back); read again only if the worker died with them.
      const own = bytes ?? (await readRange(path, entry.offset, entry.length));
      await checkChunk({ bytes: own, offset: entry.offset, complete: true });
      return;
    }
    if (bytes !== undefined) release(bytes);
    receipts += verdict.lines;
    for (const id of verdict.missions) missions.add(id);
    for (const [seq, hash, offset] of verdict.anchored) seen.set(seq, { hash, offset });
    for (const [line, json] of verdict.outputs) {
      const loading = noteOutput(line, JSON.parse(json));
      if (loading !== undefined) await loading;
    }
    lineNumber += verdict.lines;
    prevHash = verdict.lastHash;
    scanned.hash = verdict.lastHash;
  };
  try {
    for await (const chunk of chunks) {
      if (pool === undefined || !chunk.complete) {
        while (queue.length > 0) await join(queue.shift() as Sent);
        await checkChunk(chunk);
        continue;
      }
      const { bytes, offset } = chunk;
      queue.push({ offset, length: bytes.length, result: pool.check(bytes, offset) });
      // A few chunks in flight: enough to keep the workers busy, memory still bounded.
      while (queue.length > 3) await join(queue.shift() as Sent);
    }
    while (queue.length > 0) await join(queue.shift() as Sent);
  } finally {
    await pool?.close();
  }
  if (held) {
    const text = held.bytes.toString('utf8', held.start, held.end);
    if (isJson(text)) await check(held.bytes, held.start, held.end, held.offset, held.utf8);
    else torn = { line: lineNumber + 1, text };
  }

  if (lineNumber === 0 && torn === undefined) {
    firstBad = { line: 0, reason: 'the file is empty: not a blackboard (was it emptied?)' };
  } else if (receipts === 0 && firstBad === undefined) {
    firstBad = { line: 0, reason: 'no receipt in the file: not a blackboard' };
  }
  firstBad ??= await outputs?.firstProblem();
  const anchors = await checkAnchors(path, (seq) => seen.get(seq), lineNumber);
  const setAside = await listSetAsideFiles(path);
  return {
    path,
    ok: firstBad === undefined && anchors.problems.length === 0,
    receipts,
    missions: missions.size,
    outputs: outputs?.count() ?? 0,
    ...(firstBad ? { firstBad } : {}),
    ...(torn ? { torn } : {}),
    setAside,
    anchors,
  };
}

/** Why a well-formed receipt does not belong at this line, checking its own hash first. */
function chainProblem(
  lineNumber: number,
  receipt: { seq: number; prev_hash: string },
  problem: 'hash' | 'canonical' | undefined,
  prevHash: string | undefined,
): string | undefined {
  if (problem === 'hash') return `line ${lineNumber}: hash mismatch (content was edited)`;
  if (problem === 'canonical') {
    return `line ${lineNumber}: not the canonical form of its receipt (duplicate keys, reordered keys or whitespace: the bytes were edited)`;
  }
  const expectedSeq = lineNumber - 1;
  const seqNote = receipt.seq === expectedSeq ? '' : `; seq ${receipt.seq}, expected ${expectedSeq}`;
  if (receipt.prev_hash !== prevHash) {
    const previous = lineNumber === 1 ? 'the genesis hash' : `line ${lineNumber - 1}`;
    return `line ${lineNumber}: prev_hash does not match ${previous} (a line was deleted, inserted or reordered)${seqNote}`;
  }
  if (seqNote !== '') return `line ${lineNumber}: seq ${receipt.seq}, expected ${expectedSeq}`;
  return undefined;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
