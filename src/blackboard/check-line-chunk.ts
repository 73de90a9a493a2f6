import { isUtf8 } from 'node:buffer';
import { createWasmLineScanner, type WasmLineScanner } from './audit-wasm-scan.js';
import type { ScannedReceipt } from './scan-receipt-line.js';
import { scanReceiptLine } from './scan-receipt-line.js';

/** One WebAssembly scanner per thread, made at the first chunk (decision 0062). */
let wasm: WasmLineScanner | undefined | null = null;

/**
 * What a worker found in a chunk of whole lines: `ok` only when every line passed the byte check
 * (`scanReceiptLine`), its `seq` is one more than the line before it (`firstSeq` for the first)
 * and it chains to the line before it in the chunk. The audit then checks `firstSeq` against the
 * number of lines before the chunk (so every seq equals its line's index) and `firstPrev` against
 * the chain so far; any other chunk it checks line by line itself, so the verdict and its reason
 * are the sequential audit's. The worker need not know where the chunk sits in the file: nobody
 * counts a chunk's lines before it is sent.
 */
export type ChunkVerdict =
  | {
      ok: true;
      firstSeq: number;
      lines: number;
      firstPrev: string;
      lastHash: string;
      /** Distinct mission ids, in order of first appearance. */
      missions: string[];
      /** `[seq, hash, offset]` of the lines whose seq an anchor names. */
      anchored: [number, string, number][];
      /** `[line, data JSON]` of the receipts whose data names an `output_ref` (line: seq + 1). */
      outputs: [number, string][];
    }
  | { ok: false };

/** Checks the chunk `bytes` (whole lines, each ending with `\n`) at file offset `offset`. */
export function checkLineChunk(
  bytes: Buffer,
  offset: number,
  anchoredSeqs: ReadonlySet<number>,
): ChunkVerdict {
  if (!isUtf8(bytes)) return { ok: false };
  if (wasm === null) wasm = createWasmLineScanner();
  wasm?.load(bytes);
  const scanned: ScannedReceipt = {
    seq: -1,
    prevHash: '',
    hash: '',
    missionId: '',
    dataStart: -1,
    dataEnd: -1,
    dataNamesOutputRef: false,
  };
  const missions: string[] = [];
  const anchored: [number, string, number][] = [];
  const outputs: [number, string][] = [];
  let firstPrev = '';
  let firstSeq = -1;
  let lines = 0;
  // The anchored seqs in order: the next one from a seq on is a compare (seqs only grow here).
  const anchorOrder = [...anchoredSeqs].sort((left, right) => left - right);
  let anchorNext = 0;
  const anchorFrom = (seq: number): number => {
    while (anchorNext < anchorOrder.length && (anchorOrder[anchorNext] as number) < seq) anchorNext += 1;
    return anchorOrder[anchorNext] ?? -1;
  };
  let previous = scanned.hash;
  let mission = scanned.missionId;
  /** The line at `start` a byte check vouched for (`scanned`): false when it does not chain on in the chunk. */
  const take = (start: number): boolean => {
    const seq = scanned.seq;
    if (lines === 0) {
      firstSeq = seq;
      firstPrev = scanned.prevHash;
    } else if (seq !== firstSeq + lines || scanned.prevHash !== previous) return false;
    if (scanned.missionId !== mission) missions.push(scanned.missionId);
    if (anchoredSeqs.has(seq)) anchored.push([seq, scanned.hash, offset + start]);
    if (scanned.dataNamesOutputRef) {
      outputs.push([seq + 1, bytes.toString('utf8', scanned.dataStart, scanned.dataEnd)]);
    }
    lines += 1;
    previous = scanned.hash;
    mission = scanned.missionId;
    return true;
  };
  let start = 0;
  while (start < bytes.length) {
    // Runs of lines proven by one WebAssembly call, the usual ones vouched for at once (decision
    // 0065: the same seq, chain, mission, no anchor, no output, as `take` would find for each).
    const count = wasm ? wasm.run(bytes, start, bytes.length) : 0;
    const scanner = wasm as WasmLineScanner;
    let index = 0;
    while (index < count) {
      if (lines > 0) {
        const seq = firstSeq + lines;
        const usual = scanner.vouchUsual(index, seq, anchorFrom(seq), previous, scanned);
        if (usual > 0) {
          lines += usual;
          previous = scanned.hash;
          index += usual;
          start = scanner.lineEnd(index - 1) + 1;
          if (index === count) break;
        }
      }
      const end = scanner.vouch(index, scanned);
      if (end < 0) break;
      if (!take(start)) return { ok: false };
      start = end + 1;
      index += 1;
    }
    if (count > 0 && index === count) continue;
    const end = bytes.indexOf(0x0a, start);
    if (end < 0) break;
    if (wasm?.scan(bytes, start, end, scanned) !== true && !scanReceiptLine(bytes, start, end, scanned)) {
      return { ok: false };
    }
    if (!take(start)) return { ok: false };
    start = end + 1;
  }
  if (lines === 0) return { ok: false };
  return {
    ok: true,
    firstSeq,
    lines,
    firstPrev,
    lastHash: scanned.hash,
    missions,
    anchored,
    outputs,
  };
}
