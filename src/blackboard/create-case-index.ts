import type { Receipt, SimilarCase } from '../contracts/index.js';
import { caseColumnsOf, caseIndexOf } from './case-search.js';
import { buildCaseTerms } from './case-terms.js';

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
 * steps in their `data`, ranked by BM25+ with prefix and fuzzy matches as MiniSearch ranked them
 * (`case-search.ts`; typed arrays instead of its tree of Maps). Summaries weigh most: they say
 * what the step concluded.
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
  const terms = buildCaseTerms(documents.length, (document, field) => {
    const item = documents[document] as CaseDocument;
    return field === 0 ? item.summary : field === 1 ? item.phase : item.details;
  });
  return caseIndexOf(terms, caseColumnsOf(documents));
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
