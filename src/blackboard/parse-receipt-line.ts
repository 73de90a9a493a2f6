import type { Receipt } from '../contracts/index.js';
import { ReceiptSchema } from '../contracts/index.js';
import { hashReceipt } from './hash-receipt.js';

/** What is wrong with one line, or the receipt it holds. */
export type ParsedReceiptLine =
  | { kind: 'receipt'; receipt: Receipt; raw: Record<string, unknown> }
  | { kind: 'not-json' }
  | { kind: 'not-receipt'; reason: string };

/** Parses one blackboard line (without its newline) and checks it against the receipt schema. */
export function parseReceiptLine(text: string): ParsedReceiptLine {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'not-json' };
  }
  const result = ReceiptSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { kind: 'not-receipt', reason: `${where}${issue?.message ?? 'invalid receipt'}` };
  }
  return { kind: 'receipt', receipt: result.data, raw: raw as Record<string, unknown> };
}

/** True when the line's stored `hash` equals the hash recomputed from its content. */
export function hashMatches(raw: Record<string, unknown>): boolean {
  return raw.hash === hashReceipt(raw);
}
