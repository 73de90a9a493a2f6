import type { Receipt } from '../contracts/index.js';
import { BlackboardError } from './blackboard-error.js';
import { errorCode } from './error-code.js';
import { parseReceiptLine } from './parse-receipt-line.js';
import type { TornLine } from './split-blackboard-text.js';
import type { StreamedLine } from './stream-blackboard-lines.js';
import { streamBlackboardLines } from './stream-blackboard-lines.js';

export interface ReadBlackboardResult {
  receipts: Receipt[];
  /** A torn last line (a crash mid-write), left out of `receipts`. */
  torn?: TornLine;
}

/**
 * Reads every receipt of a blackboard, for case-based reasoning and reports. A missing file is an
 * empty blackboard (nothing has run yet). This checks each line's shape, not the hash chain: use
 * `auditBlackboard` for that.
 *
 * @throws BlackboardError `BLACKBOARD_CORRUPT` naming the first line that is not a receipt.
 */
export async function readBlackboard(path: string): Promise<ReadBlackboardResult> {
  const receipts: Receipt[] = [];
  let held: StreamedLine | undefined;
  let index = -1;
  const take = (line: string) => {
    index += 1;
    const parsed = parseReceiptLine(line);
    if (parsed.kind !== 'receipt') {
      const why = parsed.kind === 'not-json' ? 'not valid JSON' : `not a receipt (${parsed.reason})`;
      throw new BlackboardError('BLACKBOARD_CORRUPT', path, `${path} line ${index + 1}: ${why}`);
    }
    receipts.push(parsed.receipt);
  };
  try {
    // Streamed, one line held back: a last line without newline or not JSON is torn (a crash).
    for await (const line of streamBlackboardLines(path)) {
      if (held) take(held.text);
      held = line;
    }
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { receipts: [] };
    throw error;
  }
  if (held && (!held.complete || !isJson(held.text))) {
    return { receipts, torn: { line: index + 2, text: held.text } };
  }
  if (held) take(held.text);
  return { receipts };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
