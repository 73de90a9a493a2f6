import { readFile } from 'node:fs/promises';
import type { Receipt } from '../contracts/index.js';
import { BlackboardError } from './blackboard-error.js';
import { errorCode } from './blackboard-lock.js';
import { parseReceiptLine } from './parse-receipt-line.js';
import type { TornLine } from './split-blackboard-text.js';
import { splitBlackboardText } from './split-blackboard-text.js';

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
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { receipts: [] };
    throw error;
  }
  const { lines, torn } = splitBlackboardText(text);
  const receipts: Receipt[] = [];
  for (const [index, line] of lines.entries()) {
    const parsed = parseReceiptLine(line);
    if (parsed.kind !== 'receipt') {
      const why = parsed.kind === 'not-json' ? 'not valid JSON' : `not a receipt (${parsed.reason})`;
      throw new BlackboardError('BLACKBOARD_CORRUPT', path, `${path} line ${index + 1}: ${why}`);
    }
    receipts.push(parsed.receipt);
  }
  return torn ? { receipts, torn } : { receipts };
}
