import type { ReceiptDraft, RunEvent, RunEventListener } from '../contracts/index.js';
import { sealJson } from './canonical-json.js';
import { prepareTrustedDraft } from './chain-receipt.js';
import type { Blackboard } from './open-blackboard.js';
import { receiptDraftFromEvent } from './receipt-draft-from-event.js';
import { redactedCanonicalJson, redactSecretsByWalk, scannerFor } from './redact-secrets.js';

export interface BlackboardListenerOptions {
  /** The safety limits in force (the intent's `safety` block and anything the run adds). */
  safetyEnvelope?: Record<string, unknown>;
  /** Capabilities denied to the run, e.g. `['workspace_write', 'network']`. */
  blockedCapabilities?: readonly string[];
  /** Environment whose `*_KEY`/`*_TOKEN`/`*_SECRET`/`*_PASSWORD` values are redacted; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The run's OpenTelemetry trace id, put on every receipt so receipts, spans and the digest join. */
  traceId?: string;
}

/**
 * A run-event listener that also takes a run of one lane's consecutive events at once (`many`,
 * decision 0060): one promise per event, in order.
 */
export type BlackboardListener = RunEventListener & {
  many(events: readonly RunEvent[]): Promise<void>[];
};

/**
 * The fields of a phase output a receipt keeps beside its reference (decision 0027): what the
 * missions store indexes (a Verify round's verdict, rates and quorum) and the counts a reader of
 * the line wants; the whole output is in the referenced file.
 */
const KEPT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  aggregate: ['duplicates_merged'],
  verify: ['attempt', 'verdict', 'hallucination_rate', 'claims_total', 'claims_grounded', 'quorum'],
};

/** The role of the receipt that carries each phase's output. */
const OUTPUT_ROLE: Readonly<Record<string, string>> = { aggregate: 'aggregator', verify: 'verify' };

function referenceData(phase: string, output: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const field of KEPT_FIELDS[phase] ?? []) if (output[field] !== undefined) kept[field] = output[field];
  if (phase === 'aggregate') {
    kept.bundles = Array.isArray(output.bundles) ? output.bundles.length : 0;
    kept.claims = Array.isArray(output.claims) ? output.claims.length : 0;
  }
  return kept;
}

/**
 * A run-event listener that writes one receipt per meaningful event (see `receiptDraftFromEvent`),
 * with secrets redacted, and resolves only once the receipt is durable — so the emitting step
 * counts as done only when its receipt is on disk. A failed append rejects, failing that step.
 * The aggregate bundle and the Verify report (up to tens of KB each) are written once into the
 * blackboard's output store and referenced by hash from their receipts (decision 0027), when the
 * blackboard has a store; the output is durable before the receipt that references it.
 *
 * @example
 * const bus = createRunEventBus([createBlackboardListener(blackboard, { safetyEnvelope: intent.safety })]);
 */
export function createBlackboardListener(
  blackboard: Blackboard,
  options: BlackboardListenerOptions = {},
): BlackboardListener {
  // Sealed (deep-frozen copies, their canonical text remembered): written into every receipt,
  // serialised and scanned once. The blocked capabilities are shared by the receipts that add no
  // denial of their own.
  const safetyEnvelope = sealJson(options.safetyEnvelope ?? {});
  const blockedCapabilities = sealJson([...(options.blockedCapabilities ?? [])]);
  const scanner = scannerFor(options.env);
  const write = (draft: ReceiptDraft): Promise<void> => {
    // Serialised once, each string and key scanned for secrets as it is written; only a receipt
    // that may hold one is walked and redacted (then serialised again). The append reuses the
    // serialised entries.
    const { suspect } = prepareTrustedDraft(blackboard.path, draft, scanner);
    // A receipt that may hold a secret is walked straight away.
    const written = suspect ? redactSecretsByWalk(draft, options.env) : draft;
    // Built here from a typed event: not parsed again (validation is for what comes from outside).
    // The receipt it resolves with is not needed: only that it is durable.
    return blackboard.append(written, { trusted: true }) as Promise<unknown> as Promise<void>;
  };
  /** The event's receipt draft with the run's safety fields, or undefined when it makes none. */
  const draftOf = (event: RunEvent): ReceiptDraft | undefined => {
    const draft = receiptDraftFromEvent(event);
    if (draft === undefined) return undefined;
    // Fields set on a fresh draft rather than spread around it (a spread with overrides is slow).
    const withSafety: ReceiptDraft = draft;
    withSafety.safety_envelope = safetyEnvelope;
    // The run's denials plus this step's own (a refused path, command or tool).
    withSafety.blocked_capabilities =
      draft.blocked_capabilities === undefined
        ? blockedCapabilities
        : [...new Set([...blockedCapabilities, ...draft.blocked_capabilities])];
    if (options.traceId !== undefined) withSafety.trace_id = options.traceId;
    return withSafety;
  };
  // Not an async function: most events are written without a wait of their own before the append
  // (an async wrapper and an await per receipt); a failure is still a rejected promise.
  const listener = (event: RunEvent): Promise<void> => {
    try {
      const draft = draftOf(event);
      if (draft === undefined) return NOTHING;
      return storesOutput(blackboard, draft)
        ? referencingOutput(blackboard, draft, options.env).then(write)
        : write(draft);
    } catch (error) {
      return Promise.reject(error);
    }
  };
  /**
   * Consecutive events handed on together (decision 0060), appended in call order so that their
   * receipts share one write batch (one fsync) instead of each waiting for the one before to be
   * durable. A run whose receipts reference stored outputs (a Verify round's judges and its
   * `verify-end`) is appended whole once those outputs are stored. Nothing after a failure is
   * appended: an event that cannot be drafted fails it and every later one (the earlier ones are
   * written); an output that cannot be stored fails the whole run, nothing of it written; a batch
   * that fails fails every receipt in it (the group commit).
   */
  const many = (events: readonly RunEvent[]): Promise<void>[] => {
    const results: Promise<void>[] = new Array(events.length);
    const drafts: Array<ReceiptDraft | Promise<ReceiptDraft> | undefined> = [];
    let stored = false;
    let count = events.length;
    for (let index = 0; index < events.length; index += 1) {
      try {
        const draft = draftOf(events[index] as RunEvent);
        if (draft !== undefined && storesOutput(blackboard, draft)) {
          stored = true;
          const referencing = referencingOutput(blackboard, draft, options.env);
          referencing.catch(ignoreValue);
          drafts.push(referencing);
        } else drafts.push(draft);
      } catch (error) {
        count = index;
        failFrom(results, index, error);
        break;
      }
    }
    if (!stored) {
      appendFrom(results, drafts as Array<ReceiptDraft | undefined>, count);
      return results;
    }
    // The outputs first, then every receipt of the run in one step: one batch.
    const appended = Promise.all(drafts.slice(0, count)).then((ready) => {
      const written: Promise<void>[] = new Array(count);
      appendFrom(written, ready, count);
      return written;
    });
    appended.catch(ignoreValue);
    for (let index = 0; index < count; index += 1) {
      const result = appended.then((written) => written[index] as Promise<void>);
      result.catch(ignoreValue);
      results[index] = result;
    }
    return results;
  };
  /** Appends `drafts[0, count)` in order into `results`; a draft that cannot be written fails it and the rest. */
  const appendFrom = (
    results: Promise<void>[],
    drafts: ReadonlyArray<ReceiptDraft | undefined>,
    count: number,
  ): void => {
    for (let index = 0; index < count; index += 1) {
      const draft = drafts[index];
      try {
        results[index] = draft === undefined ? NOTHING : write(draft);
      } catch (error) {
        failFrom(results, index, error, count);
        return;
      }
    }
  };
  return Object.assign(listener, { many });
}

const NOTHING: Promise<void> = Promise.resolve();
const ignoreValue = (): undefined => undefined;

/** `results[from, end)` rejected with `error` (handled here: the caller sees it when it awaits them in order). */
function failFrom(results: Promise<void>[], from: number, error: unknown, end = results.length): void {
  const failed = Promise.reject(error);
  failed.catch(ignoreValue);
  for (let index = from; index < end; index += 1) results[index] = failed;
}

/** Whether the draft's phase output goes into the blackboard's store (the aggregate and Verify receipts). */
function storesOutput(blackboard: Blackboard, draft: ReceiptDraft): boolean {
  const output = draft.data;
  return (
    blackboard.storeOutput !== undefined &&
    KEPT_FIELDS[draft.phase] !== undefined &&
    // The aggregate and Verify receipts themselves (not, say, a refusal during Verify).
    draft.role === OUTPUT_ROLE[draft.phase] &&
    output !== null &&
    typeof output === 'object'
  );
}

/** The draft with its phase output moved into the blackboard's store (see `storesOutput`). */
async function referencingOutput(
  blackboard: Blackboard,
  draft: ReceiptDraft,
  env: NodeJS.ProcessEnv | undefined,
): Promise<ReceiptDraft> {
  const output = draft.data as Record<string, unknown>;
  if (blackboard.storeOutput === undefined) return draft;
  // The file is an outgoing text too: redacted (its kept fields are redacted with the receipt).
  const ref = await blackboard.storeOutput(redactedCanonicalJson(output, env));
  return { ...draft, data: { ...referenceData(draft.phase, output), output_ref: ref } };
}
