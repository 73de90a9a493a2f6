import type { Receipt, ReceiptDraft } from '../contracts/index.js';
import { ReceiptDraftSchema } from '../contracts/index.js';
import { BlackboardError } from './blackboard-error.js';
import type { ScanState, TextScan } from './canonical-json.js';
import {
  canonicalJson,
  canonicalJsonInto,
  keyText,
  nextKeyText,
  scannedKeyText,
  sealedText,
  sortKeys,
} from './canonical-json.js';
import { sha256Hex } from './sha256-hex.js';

/** A validated draft, serialised except for its place in the chain (known only under the lock). */
export interface PreparedDraft {
  /** The receipt's fields but its place in the chain: our own copy, made into the receipt when chained. */
  data: Omit<Receipt, 'seq' | 'prev_hash' | 'hash'>;
  /**
   * `"key":value` of each top-level field, canonical, sorted by key, joined into the three runs
   * around the chain fields' sorted places: keys before `prev_hash`, between `prev_hash` and
   * `seq`, after `seq` (each '' when empty).
   */
  runs: [before: string, between: string, after: string];
  /**
   * Set by `prepareTrustedDraft`: whether a string or key of the draft may hold a secret (false
   * only when the scan found none). Undefined for drafts serialised without a scan.
   */
  suspect?: boolean;
}

/**
 * The last trusted draft serialised by `prepareTrustedDraft` (so the listener could scan its text
 * for secrets once), for that very object: the listener appends it right after, and `append` then
 * takes the text from here instead of serialising again. One slot, not a map: a draft prepared but
 * not appended (the listener appends a redacted copy instead) is simply serialised afresh.
 */
let handedDraft: ReceiptDraft | undefined;
let handedPrepared: PreparedDraft | undefined;

/**
 * `prepareDraft` of a draft built by our own code and handed over whole (the listener's own fresh
 * object: the schema's defaults are set on it and it becomes the receipt, no copy), remembered for
 * that very object: when the same object is appended next (trusted), it is not serialised a second
 * time. The draft must not change in between. Its strings and keys are scanned with `scan` as they
 * are serialised: `suspect` is false only when none may hold a secret (see `scannedCanonicalJson`),
 * so the receipt's text, which is made of them, needs no redaction.
 */
export function prepareTrustedDraft(
  filePath: string,
  draft: ReceiptDraft,
  scan: TextScan,
): PreparedDraft & { suspect: boolean } {
  const state: ScanState = { scan, suspect: scan.always };
  const prepared = serializeDraft(filePath, defaultsSet(draft), state) as PreparedDraft & {
    suspect: boolean;
  };
  handedDraft = draft;
  handedPrepared = prepared;
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
  if (options.trusted === true && handedPrepared !== undefined) {
    const prepared = handedPrepared;
    const handed = handedDraft;
    handedDraft = undefined;
    handedPrepared = undefined;
    if (handed === draft) return prepared;
  }
  return serializeDraft(
    filePath,
    options.trusted === true ? withDefaults(draft) : validate(filePath, draft),
    undefined,
  );
}

/** The runs of `data` (see `PreparedDraft`), its strings and keys scanned into `state` when given. */
function serializeDraft(
  filePath: string,
  data: PreparedDraft['data'],
  state: ScanState | undefined,
): PreparedDraft {
  const record = data as Record<string, unknown>;
  const keys = sortKeys(Object.keys(record));
  let before = '';
  let between = '';
  let after = '';
  try {
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index] as string;
      const value = record[key];
      if (value === undefined) continue;
      const json = memberJson(value, state);
      // `"key":value`, or `,"key":value` appended to the run (one concatenation less per field).
      if (key < 'prev_hash')
        before = before === '' ? first(key, state) + json : before + next(key, state) + json;
      else if (key < 'seq')
        between = between === '' ? first(key, state) + json : between + next(key, state) + json;
      else after = after === '' ? first(key, state) + json : after + next(key, state) + json;
    }
  } catch (error) {
    throw new BlackboardError('BLACKBOARD_INVALID_DRAFT', filePath, 'receipt draft is not JSON data', {
      cause: error,
    });
  }
  return state === undefined
    ? { data, runs: [before, between, after] }
    : { data, runs: [before, between, after], suspect: state.suspect };
}

/** A top-level field's canonical JSON: a sealed value's remembered text, or serialised (and scanned). */
function memberJson(value: unknown, state: ScanState | undefined): string {
  if (typeof value === 'object' && value !== null && Object.isFrozen(value)) {
    const text = sealedText(value, state);
    if (text !== undefined) return text;
  }
  return state === undefined ? canonicalJson(value) : canonicalJsonInto(value, state);
}

function first(key: string, state: ScanState | undefined): string {
  return state === undefined ? keyText(key) : scannedKeyText(key, false, state);
}

function next(key: string, state: ScanState | undefined): string {
  return state === undefined ? nextKeyText(key) : scannedKeyText(key, true, state);
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

/** `withDefaults` on the draft itself: a draft handed over whole (see `prepareTrustedDraft`). */
function defaultsSet(draft: ReceiptDraft): PreparedDraft['data'] {
  if (draft.evidence_refs === undefined) draft.evidence_refs = [];
  if (draft.safety_envelope === undefined) draft.safety_envelope = {};
  if (draft.blocked_capabilities === undefined) draft.blocked_capabilities = [];
  return draft as PreparedDraft['data'];
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
 * The body of the receipt at `seq` after `prevHash`: the canonical JSON of the receipt without
 * `hash` (decision 0006), the text its hash is taken over, built from the runs already serialised
 * (`prevHash` is 64 hex digits: nothing to escape).
 */
export function bodyText(prepared: PreparedDraft, seq: number, prevHash: string): string {
  const [before, between, after] = prepared.runs;
  return `{${before === '' ? '' : `${before},`}"prev_hash":"${prevHash}",${between === '' ? '' : `${between},`}"seq":${seq}${after === '' ? '' : `,${after}`}}`;
}

/**
 * The draft made into its receipt at `seq` after `prevHash`, `hash` being its body's digest. `data`
 * is this draft's own copy (validated or `withDefaults`), chained once: it becomes the receipt.
 */
export function chainedReceipt(
  prepared: PreparedDraft,
  seq: number,
  prevHash: string,
  hash: string,
): Receipt {
  const receipt = prepared.data as Receipt;
  receipt.seq = seq;
  receipt.prev_hash = prevHash;
  receipt.hash = hash;
  return receipt;
}

/**
 * The receipt at `seq` after `prevHash` and its body (see `bodyText`). Same digest as
 * `hashReceipt(receipt)`, built from text already serialised. The body is flat (hashing flattened
 * it), so the line can be written from it without another copy: see `writeLine`.
 */
export function chainPreparedBody(
  prepared: PreparedDraft,
  seq: number,
  prevHash: string,
): { receipt: Receipt; body: string } {
  const body = bodyText(prepared, seq, prevHash);
  return { receipt: chainedReceipt(prepared, seq, prevHash, sha256Hex(body)), body };
}

/**
 * The receipt and its line at `seq` after `prevHash` (see `chainPreparedBody`): the body with
 * `hash` appended as its last key.
 */
export function chainPrepared(
  prepared: PreparedDraft,
  seq: number,
  prevHash: string,
): { receipt: Receipt; line: string } {
  const { receipt, body } = chainPreparedBody(prepared, seq, prevHash);
  return { receipt, line: `${body.slice(0, -1)},"hash":"${receipt.hash}"}\n` };
}
