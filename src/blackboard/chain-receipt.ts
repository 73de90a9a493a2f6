import { createHash } from 'node:crypto';
import type { Receipt, ReceiptDraft } from '../contracts/index.js';
import { ReceiptDraftSchema } from '../contracts/index.js';
import { BlackboardError } from './blackboard-error.js';
import { canonicalJson } from './canonical-json.js';

/** A validated draft, serialised except for its place in the chain (known only under the lock). */
export interface PreparedDraft {
  data: Omit<Receipt, 'seq' | 'prev_hash' | 'hash'>;
  /** `"key":value` of each top-level field, canonical, sorted by key. */
  entries: [key: string, json: string][];
  /**
   * The same entries joined once into the three runs around the chain fields' sorted places:
   * keys before `prev_hash`, between `prev_hash` and `seq`, after `seq` (each '' when empty).
   */
  runs: [before: string, between: string, after: string];
}

/**
 * Trusted drafts already serialised (by `prepareTrustedDraft`, e.g. so the listener could scan the
 * text for secrets once): `append` takes the entries from here instead of serialising again.
 */
const preparedDrafts = new WeakMap<object, PreparedDraft>();

/**
 * `prepareDraft` of a draft built by our own code, remembered for that very object: when the same
 * object is appended (trusted), it is not serialised a second time.
 */
export function prepareTrustedDraft(filePath: string, draft: ReceiptDraft): PreparedDraft {
  const prepared = prepareDraft(filePath, draft, { trusted: true });
  preparedDrafts.set(draft, prepared);
  return prepared;
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
  if (options.trusted === true) {
    const cached = preparedDrafts.get(draft);
    if (cached !== undefined) {
      preparedDrafts.delete(draft);
      return cached;
    }
  }
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
  const runs: [string, string, string] = ['', '', ''];
  for (const [key, json] of entries) {
    const run = key < 'prev_hash' ? 0 : key < 'seq' ? 1 : 2;
    runs[run] = runs[run] === '' ? json : `${runs[run]},${json}`;
  }
  return { data, entries, runs };
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
  // A copy then conditional fields: V8 clones the draft's shape fast this way, where a spread
  // followed by overriding fields took microseconds per receipt.
  const data = Object.assign({}, draft);
  if (data.evidence_refs === undefined) data.evidence_refs = [];
  if (data.safety_envelope === undefined) data.safety_envelope = {};
  if (data.blocked_capabilities === undefined) data.blocked_capabilities = [];
  return data as PreparedDraft['data'];
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
  const [before, between, after] = prepared.runs;
  // `{…` up to the body's closing brace: the line is this, then `"hash"` as the last key.
  const open = `{${before === '' ? '' : `${before},`}"prev_hash":"${prevHash}",${between === '' ? '' : `${between},`}"seq":${seq}${after === '' ? '' : `,${after}`}`;
  // One native call over the flattened text (`prevHash` is 64 hex digits: nothing to escape).
  const hash = createHash('sha256').update(`${open}}`, 'utf8').digest('hex');
  return {
    receipt: Object.assign({}, prepared.data, { seq, prev_hash: prevHash, hash }) as Receipt,
    line: `${open},"hash":"${hash}"}\n`,
  };
}
