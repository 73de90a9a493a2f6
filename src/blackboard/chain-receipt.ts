import type { Receipt, ReceiptDraft } from '../contracts/index.js';
import { ReceiptDraftSchema, sha256Hex } from '../contracts/index.js';
import { BlackboardError } from './blackboard-error.js';
import { canonicalJson } from './canonical-json.js';

/** A validated draft, serialised except for its place in the chain (known only under the lock). */
export interface PreparedDraft {
  data: Omit<Receipt, 'seq' | 'prev_hash' | 'hash'>;
  /** `"key":value` of each top-level field, canonical, sorted by key. */
  entries: [key: string, json: string][];
}

/**
 * Validates a draft and serialises it at `append` time, so a bad draft is refused before it is
 * queued and the lock is held only for the cheap part: inserting `seq` and `prev_hash` in their
 * sorted places, hashing and writing.
 */
export function prepareDraft(
  filePath: string,
  draft: ReceiptDraft,
  options: { trusted?: boolean } = {},
): PreparedDraft {
  const data = options.trusted === true ? withDefaults(draft) : validate(filePath, draft);
  const entries: [string, string][] = [];
  try {
    for (const key of Object.keys(data).sort()) {
      const value = (data as Record<string, unknown>)[key];
      if (value !== undefined) entries.push([key, `${JSON.stringify(key)}:${canonicalJson(value)}`]);
    }
  } catch (error) {
    throw new BlackboardError('BLACKBOARD_INVALID_DRAFT', filePath, 'receipt draft is not JSON data', {
      cause: error,
    });
  }
  return { data, entries };
}

function validate(filePath: string, draft: ReceiptDraft): PreparedDraft['data'] {
  const parsed = ReceiptDraftSchema.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BlackboardError(
      'BLACKBOARD_INVALID_DRAFT',
      filePath,
      `invalid receipt draft: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown problem'}`,
    );
  }
  return parsed.data;
}

/**
 * A draft our own code built from typed values (the run-event listener): the schema's defaults
 * applied without parsing it again. Validation belongs at trust boundaries (model output, files
 * read back), not on objects we just made; canonical JSON still refuses what JSON cannot hold.
 */
function withDefaults(draft: ReceiptDraft): PreparedDraft['data'] {
  return {
    ...draft,
    evidence_refs: draft.evidence_refs ?? [],
    safety_envelope: draft.safety_envelope ?? {},
    blocked_capabilities: draft.blocked_capabilities ?? [],
  } as PreparedDraft['data'];
}

/**
 * The receipt and its line at `seq` after `prevHash`: the canonical JSON of the body (decision
 * 0006) with `hash` appended as its last key. Same digest as `hashReceipt(receipt)`, built from
 * text already serialised: this runs for every receipt under the lock.
 */
export function chainPrepared(
  prepared: PreparedDraft,
  seq: number,
  prevHash: string,
): { receipt: Receipt; line: string } {
  const extra: [string, string][] = [
    ['prev_hash', `"prev_hash":${JSON.stringify(prevHash)}`],
    ['seq', `"seq":${seq}`],
  ];
  const merged = [...prepared.entries, ...extra].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const bodyJson = `{${merged.map((entry) => entry[1]).join(',')}}`;
  const hash = sha256Hex(bodyJson);
  return {
    receipt: { ...prepared.data, seq, prev_hash: prevHash, hash } as Receipt,
    line: `${bodyJson.slice(0, -1)},"hash":"${hash}"}\n`,
  };
}
