import { readFile } from 'node:fs/promises';
import { GENESIS_HASH } from '../contracts/index.js';
import { BlackboardError } from './blackboard-error.js';
import { errorCode } from './blackboard-lock.js';
import { hashMatches, parseReceiptLine } from './parse-receipt-line.js';
import { listSetAsideFiles } from './set-aside-torn-line.js';
import type { TornLine } from './split-blackboard-text.js';
import { splitBlackboardText } from './split-blackboard-text.js';

/** The verdict of an audit of one blackboard file. */
export interface AuditResult {
  path: string;
  /** True when every complete line is a receipt in an intact chain. A torn last line does not make it false. */
  ok: boolean;
  /** Complete lines that parse as receipts. */
  receipts: number;
  /** Distinct mission ids among them. */
  missions: number;
  /** The first line that breaks the chain, 1-based, with why. */
  firstBad?: { line: number; reason: string };
  /** A torn last line (a crash mid-write); reported as a warning, it is set aside on the next append. */
  torn?: TornLine;
  /** Torn lines set aside earlier, kept next to the file. */
  setAside: string[];
}

/**
 * Verifies a blackboard: each line parses, fits the receipt schema, has `seq` equal to its index,
 * chains to the previous line's `hash` (or GENESIS_HASH) and has a `hash` that recomputes. Reports
 * the first bad line: an edited line fails its own hash; a deleted, inserted or reordered line
 * breaks the `prev_hash` link at the first line out of place.
 *
 * A torn last line is a crash, not tampering: it is reported in `torn` and leaves `ok` true, so
 * the caller (the CLI) decides whether a warning changes its exit code.
 *
 * @throws BlackboardError `BLACKBOARD_NOT_FOUND` when there is no file to audit.
 */
export async function auditBlackboard(path: string): Promise<AuditResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      throw new BlackboardError('BLACKBOARD_NOT_FOUND', path, `no blackboard at ${path}`, { cause: error });
    }
    throw error;
  }
  const { lines, torn } = splitBlackboardText(text);
  const missions = new Set<string>();
  let receipts = 0;
  let firstBad: AuditResult['firstBad'];
  let prevHash: string | undefined = GENESIS_HASH;
  for (const [index, line] of lines.entries()) {
    const lineNumber = index + 1;
    const parsed = parseReceiptLine(line);
    if (parsed.kind !== 'receipt') {
      const reason = parsed.kind === 'not-json' ? 'not valid JSON' : `not a receipt (${parsed.reason})`;
      firstBad ??= { line: lineNumber, reason: `line ${lineNumber}: ${reason}` };
      prevHash = undefined;
      continue;
    }
    receipts += 1;
    missions.add(parsed.receipt.mission_id);
    if (firstBad === undefined) {
      const reason = chainProblem(lineNumber, parsed.receipt, parsed.raw, prevHash);
      if (reason !== undefined) firstBad = { line: lineNumber, reason };
    }
    prevHash = parsed.receipt.hash;
  }
  const setAside = await listSetAsideFiles(path);
  return {
    path,
    ok: firstBad === undefined,
    receipts,
    missions: missions.size,
    ...(firstBad ? { firstBad } : {}),
    ...(torn ? { torn } : {}),
    setAside,
  };
}

/** Why a well-formed receipt does not belong at this line, checking its own hash first. */
function chainProblem(
  lineNumber: number,
  receipt: { seq: number; prev_hash: string },
  raw: Record<string, unknown>,
  prevHash: string | undefined,
): string | undefined {
  if (!hashMatches(raw)) return `line ${lineNumber}: hash mismatch (content was edited)`;
  const expectedSeq = lineNumber - 1;
  const seqNote = receipt.seq === expectedSeq ? '' : `; seq ${receipt.seq}, expected ${expectedSeq}`;
  if (receipt.prev_hash !== prevHash) {
    const previous = lineNumber === 1 ? 'the genesis hash' : `line ${lineNumber - 1}`;
    return `line ${lineNumber}: prev_hash does not match ${previous} (a line was deleted, inserted or reordered)${seqNote}`;
  }
  if (seqNote !== '') return `line ${lineNumber}: seq ${receipt.seq}, expected ${expectedSeq}`;
  return undefined;
}
