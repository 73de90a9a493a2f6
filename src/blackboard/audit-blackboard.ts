import { stat } from 'node:fs/promises';
import { GENESIS_HASH } from '../contracts/index.js';
import { readBlackboardAnchors } from './blackboard-anchors.js';
import { BlackboardError } from './blackboard-error.js';
import type { AnchorCheck } from './check-anchors.js';
import { checkAnchors } from './check-anchors.js';
import { createOutputRefCheck } from './check-output-refs.js';
import { checkReceiptLine } from './check-receipt-line.js';
import { errorCode } from './error-code.js';
import { listSetAsideFiles } from './set-aside-torn-line.js';
import type { TornLine } from './split-blackboard-text.js';
import type { StreamedLine } from './stream-blackboard-lines.js';
import { streamBlackboardLineBatches } from './stream-blackboard-lines.js';

/** The verdict of an audit of one blackboard file. */
export interface AuditResult {
  path: string;
  /** True when every complete line is a canonical receipt in an intact chain that every anchor matches. A torn last line does not make it false. */
  ok: boolean;
  /** Complete lines that parse as receipts. */
  receipts: number;
  /** Distinct mission ids among them. */
  missions: number;
  /** The first line that breaks the chain, 1-based, with why (line 0: the file as a whole). */
  firstBad?: { line: number; reason: string };
  /** A torn last line (a crash mid-write); reported as a warning, it is set aside on the next append. */
  torn?: TornLine;
  /** Torn lines set aside earlier, kept next to the file. */
  setAside: string[];
  /** The chain and digests against `<file>.anchors.jsonl` (decision 0017). */
  anchors?: AnchorCheck;
}

/**
 * Verifies a blackboard, streaming it (memory bounded by the longest line): each line parses, fits
 * the receipt schema, is byte for byte the canonical form (so duplicate keys or added whitespace
 * that parse to the same JSON are caught), has `seq` equal to its index, chains to the previous
 * line's `hash` (or GENESIS_HASH) and has a `hash` that recomputes; then every anchor is checked
 * (`checkAnchors`). An empty file is not a blackboard.
 *
 * A torn last line is a crash, not tampering: it is reported in `torn` and leaves `ok` true.
 *
 * @throws BlackboardError `BLACKBOARD_NOT_FOUND` when there is no file to audit.
 */
export async function auditBlackboard(path: string): Promise<AuditResult> {
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
  let receipts = 0;
  let firstBad: AuditResult['firstBad'];
  let prevHash: string | undefined = GENESIS_HASH;
  let torn: TornLine | undefined;
  let held: StreamedLine | undefined;
  let lineNumber = 0;
  const outputs = createOutputRefCheck(path);

  const check = (line: StreamedLine) => {
    lineNumber += 1;
    const parsed = checkReceiptLine(line.text);
    if (parsed.kind !== 'receipt') {
      const reason = parsed.kind === 'not-json' ? 'not valid JSON' : `not a receipt (${parsed.reason})`;
      firstBad ??= { line: lineNumber, reason: `line ${lineNumber}: ${reason}` };
      prevHash = undefined;
      return;
    }
    receipts += 1;
    missions.add(parsed.receipt.mission_id);
    outputs.note(lineNumber, parsed.receipt.data);
    if (anchoredSeqs.has(lineNumber - 1))
      seen.set(lineNumber - 1, { hash: parsed.receipt.hash, offset: line.offset });
    if (firstBad === undefined) {
      const reason = chainProblem(lineNumber, parsed.receipt, parsed.problem, prevHash);
      if (reason !== undefined) firstBad = { line: lineNumber, reason };
    }
    prevHash = parsed.receipt.hash;
  };

  // One line is held back: a complete-looking last line that is not JSON is a crash, not damage.
  for await (const batch of streamBlackboardLineBatches(path)) {
    for (const line of batch) {
      if (held) check(held);
      held = line;
    }
  }
  if (held && (!held.complete || !isJson(held.text))) torn = { line: lineNumber + 1, text: held.text };
  else if (held) check(held);

  if (lineNumber === 0 && torn === undefined) {
    firstBad = { line: 0, reason: 'the file is empty: not a blackboard (was it emptied?)' };
  } else if (receipts === 0 && firstBad === undefined) {
    firstBad = { line: 0, reason: 'no receipt in the file: not a blackboard' };
  }
  firstBad ??= await outputs.firstProblem();
  const anchors = await checkAnchors(path, (seq) => seen.get(seq), lineNumber);
  const setAside = await listSetAsideFiles(path);
  return {
    path,
    ok: firstBad === undefined && anchors.problems.length === 0,
    receipts,
    missions: missions.size,
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
