import type { Receipt } from '../contracts/index.js';
import { errorCode } from './error-code.js';
import { parseReceiptLine } from './parse-receipt-line.js';
import { streamBlackboardLines } from './stream-blackboard-lines.js';

export interface ReadRecentOptions {
  /** Most receipts to return (default 5,000): the case index's window onto the history. */
  limit?: number;
  /** Stop at this mission's first receipt: a re-run sees the cases its first run saw. */
  beforeMission?: string;
}

/**
 * The last `limit` receipts (before `beforeMission`'s first one), for the case index. Lines are
 * kept as text in a ring and only the kept ones are parsed, so memory is bounded by the window and
 * time by reading the file, not by parsing its whole history. Lines that are not receipts are
 * skipped: damage is `audit`'s to report, not a reason to refuse a mission's case search.
 */
export async function readRecentReceipts(path: string, options: ReadRecentOptions = {}): Promise<Receipt[]> {
  const limit = options.limit ?? 5_000;
  const needle =
    options.beforeMission === undefined ? undefined : `"mission_id":${JSON.stringify(options.beforeMission)}`;
  const ring: string[] = new Array(limit);
  let count = 0;
  try {
    for await (const line of streamBlackboardLines(path)) {
      if (!line.complete) break;
      if (needle !== undefined && line.text.includes(needle)) break;
      ring[count % limit] = line.text;
      count += 1;
    }
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
  const receipts: Receipt[] = [];
  for (let index = Math.max(0, count - limit); index < count; index += 1) {
    const parsed = parseReceiptLine(ring[index % limit] as string);
    if (parsed.kind === 'receipt') receipts.push(parsed.receipt);
  }
  return receipts;
}
