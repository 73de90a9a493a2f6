import type { RunEventListener } from '../contracts/index.js';
import type { Blackboard } from './open-blackboard.js';
import { receiptDraftFromEvent } from './receipt-draft-from-event.js';
import { redactSecrets } from './redact-secrets.js';

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
 * A run-event listener that writes one receipt per meaningful event (see `receiptDraftFromEvent`),
 * with secrets redacted, and resolves only once the receipt is durable — so the emitting step
 * counts as done only when its receipt is on disk. A failed append rejects, failing that step.
 *
 * @example
 * const bus = createRunEventBus([createBlackboardListener(blackboard, { safetyEnvelope: intent.safety })]);
 */
export function createBlackboardListener(
  blackboard: Blackboard,
  options: BlackboardListenerOptions = {},
): RunEventListener {
  const safetyEnvelope = options.safetyEnvelope ?? {};
  const blockedCapabilities = [...(options.blockedCapabilities ?? [])];
  return async (event) => {
    const draft = receiptDraftFromEvent(event);
    if (draft === undefined) return;
    const withSafety = {
      ...draft,
      safety_envelope: safetyEnvelope,
      // The run's denials plus this step's own (a refused path, command or tool).
      blocked_capabilities: [...new Set([...blockedCapabilities, ...(draft.blocked_capabilities ?? [])])],
      ...(options.traceId === undefined ? {} : { trace_id: options.traceId }),
    };
    // Built here from a typed event: not parsed again (validation is for what comes from outside).
    await blackboard.append(redactSecrets(withSafety, options.env), { trusted: true });
  };
}
