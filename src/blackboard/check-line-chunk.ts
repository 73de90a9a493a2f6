import { isUtf8 } from 'node:buffer';
import type { ScannedReceipt } from './scan-receipt-line.js';
import { scanReceiptLine } from './scan-receipt-line.js';

/**
 * What a worker found in a chunk of whole lines: `ok` only when every line passed the byte check
 * (`scanReceiptLine`), has `seq` equal to its index and chains to the line before it in the chunk.
 * The audit then only checks `firstPrev` against the chain so far; any other chunk it checks line
 * by line itself, so the verdict and its reason are the sequential audit's.
 */
export type ChunkVerdict =
  | {
      ok: true;
      lines: number;
      firstPrev: string;
      lastHash: string;
      /** Distinct mission ids, in order of first appearance. */
      missions: string[];
      /** `[seq, hash, offset]` of the lines whose seq an anchor names. */
      anchored: [number, string, number][];
      /** `[line, data JSON]` of the receipts whose data names an `output_ref`. */
      outputs: [number, string][];
    }
  | { ok: false };

/** Checks the chunk `bytes` (whole lines, each ending with `\n`) whose first line is `firstLine` (1-based) at file offset `offset`. */
export function checkLineChunk(
  bytes: Buffer,
  firstLine: number,
  offset: number,
  anchoredSeqs: ReadonlySet<number>,
): ChunkVerdict {
  if (!isUtf8(bytes)) return { ok: false };
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
  let line = firstLine;
  let start = 0;
  for (let end = bytes.indexOf(0x0a); end >= 0; end = bytes.indexOf(0x0a, start)) {
    const previous = scanned.hash;
    const mission = scanned.missionId;
    if (!scanReceiptLine(bytes, start, end, scanned) || scanned.seq !== line - 1) return { ok: false };
    if (line === firstLine) firstPrev = scanned.prevHash;
    else if (scanned.prevHash !== previous) return { ok: false };
    if (scanned.missionId !== mission) missions.push(scanned.missionId);
    if (anchoredSeqs.has(line - 1)) anchored.push([line - 1, scanned.hash, offset + start]);
    if (scanned.dataNamesOutputRef) {
      outputs.push([line, bytes.toString('utf8', scanned.dataStart, scanned.dataEnd)]);
    }
    line += 1;
    start = end + 1;
  }
  return {
    ok: true,
    lines: line - firstLine,
    firstPrev,
    lastHash: scanned.hash,
    missions,
    anchored,
    outputs,
  };
}
