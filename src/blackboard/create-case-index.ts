import MiniSearch from 'minisearch';
import type { Receipt, SimilarCase } from '../contracts/index.js';

export interface CaseSearchOptions {
  /** Most cases to return (default 5). */
  limit?: number;
  /** Leave out this mission's own receipts (the running mission is not an earlier case). */
  excludeMissionId?: string;
}

/** BM25 search over earlier receipts, for React's case-based reasoning. */
export interface CaseIndex {
  /** Receipts indexed. */
  readonly size: number;
  search(text: string, options?: CaseSearchOptions): SimilarCase[];
}

/** What the case index keeps of one receipt (the cache under hfo_cache/case_index stores these). */
export interface CaseDocument {
  id: number;
  mission_id: string;
  seq: number;
  summary: string;
  phase: string;
  details: string;
}

/**
 * Indexes receipts' summaries, phases and the text of observations, claims, rationale and plan
 * steps in their `data`, with minisearch's BM25 ranking. Summaries weigh most: they say what the
 * step concluded.
 *
 * @example
 * const cases = createCaseIndex((await readBlackboard(path)).receipts);
 * cases.search('retry logic in the payment client', { limit: 3, excludeMissionId: intent.mission_id });
 */
export function createCaseIndex(receipts: readonly Receipt[]): CaseIndex {
  return caseIndexFromDocuments(caseDocuments(receipts));
}

/** The documents `createCaseIndex` indexes, one per receipt, in order. */
export function caseDocuments(receipts: readonly Receipt[]): CaseDocument[] {
  // Positions, not seq, as ids: receipts from several files may share a seq.
  return receipts.map((receipt, position) => toDocument(receipt, position));
}

/** The case index over documents made by `caseDocuments` (from this process or the cache). */
export function caseIndexFromDocuments(documents: readonly CaseDocument[]): CaseIndex {
  const index = new MiniSearch<CaseDocument>({
    fields: ['summary', 'phase', 'details'],
    storeFields: ['mission_id', 'seq', 'summary'],
  });
  index.addAll(documents);
  return {
    size: documents.length,
    search(text, options = {}) {
      if (text.trim() === '') return [];
      const limit = options.limit ?? 5;
      const results = index.search(text, {
        boost: { summary: 2 },
        prefix: true,
        fuzzy: 0.1,
        ...(options.excludeMissionId === undefined
          ? {}
          : { filter: (result) => result.mission_id !== options.excludeMissionId }),
      });
      return results.slice(0, limit).map((result) => ({
        mission_id: String(result.mission_id),
        seq: Number(result.seq),
        summary: String(result.summary),
        score: result.score,
      }));
    },
  };
}

function toDocument(receipt: Receipt, position: number): CaseDocument {
  return {
    id: position,
    mission_id: receipt.mission_id,
    seq: receipt.seq,
    summary: receipt.summary,
    phase: receipt.phase.replace(/_/g, ' '),
    details: dataText(receipt.data).join('\n'),
  };
}

/** The human text inside a phase output, whatever phase wrote it. */
function dataText(data: unknown): string[] {
  if (data === null || typeof data !== 'object') return [];
  const record = data as Record<string, unknown>;
  const texts: string[] = [];
  for (const key of ['observations', 'claims'] as const) {
    const items = record[key];
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      const itemText = (item as { text?: unknown } | null)?.text;
      if (typeof itemText === 'string') texts.push(itemText);
    }
  }
  if (typeof record.rationale === 'string') texts.push(record.rationale);
  if (Array.isArray(record.plan)) texts.push(...record.plan.filter((step) => typeof step === 'string'));
  return texts;
}
