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
  /** Set by `receive` for an event whose output is being stored: settles once its append was issued. */
  let issued: Promise<void> | undefined;
  /**
   * The event's receipt handed to the blackboard (its promise: durable), or undefined when the
   * event makes none. Throws when the receipt cannot be drafted. After `before` (an earlier event
   * of the same run whose output is being stored), the append is issued only once that one's was:
   * call order is append order, and nothing is appended after one whose output could not be stored.
   */
  const receive = (event: RunEvent, before: Promise<void> | undefined): Promise<void> | undefined => {
    issued = undefined;
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
    if (!storesOutput(blackboard, withSafety)) {
      if (before === undefined) return write(withSafety);
      // Still behind `before`: what follows is chained on it too, after this one (reactions run
      // in the order they were registered).
      issued = before;
      return before.then(() => write(withSafety));
    }
    const referencing =
      before === undefined
        ? referencingOutput(blackboard, withSafety, options.env)
        : before.then(() => referencingOutput(blackboard, withSafety, options.env));
    // Its append is registered first, so it is issued before anything chained on `issued`.
    const appended = referencing.then(write);
    issued = referencing.then(ignoreValue);
    return appended;
  };
  // Not an async function: most events are written without a wait of their own before the append
  // (an async wrapper and an await per receipt); a failure is still a rejected promise.
  const listener = (event: RunEvent): Promise<void> => {
    try {
      return receive(event, undefined) ?? NOTHING;
    } catch (error) {
      return Promise.reject(error);
    }
  };
  /**
   * Consecutive events of one lane (decision 0060): drafted and appended in call order in this
   * call, so their receipts go into the same write batch (one fsync) instead of each waiting for
   * the one before to be durable. Nothing after an event that fails is appended: one that cannot
   * be drafted fails every later one here; one whose output is being stored holds the later ones
   * back until its own append is issued, and fails them if its output cannot be stored; a batch
   * that fails fails every receipt in it (the group commit).
   */
  const many = (events: readonly RunEvent[]): Promise<void>[] => {
    const results: Promise<void>[] = new Array(events.length);
    let before: Promise<void> | undefined;
    for (let index = 0; index < events.length; index += 1) {
      let result: Promise<void> | undefined;
      try {
        result = receive(events[index] as RunEvent, before);
      } catch (error) {
        const failed = Promise.reject(error);
        // Seen by whoever awaits the results in order; not an unhandled rejection meanwhile.
        failed.catch(ignoreValue);
        for (let rest = index; rest < events.length; rest += 1) results[rest] = failed;
        return results;
      }
      // An event without a receipt is done once the ones before it are (the caller awaits in order).
      results[index] = result ?? (before === undefined ? NOTHING : before);
      if (issued !== undefined) {
        before = issued;
        // Failures reach the caller through `results`.
        before.catch(ignoreValue);
      }
    }
    issued = undefined;
    return results;
  };
  return Object.assign(listener, { many });
}

const NOTHING: Promise<void> = Promise.resolve();
const ignoreValue = (): undefined => undefined;

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
