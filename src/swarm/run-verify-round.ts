import type {
  AggregateBundle,
  MissionIntent,
  ReviewBundle,
  RunEvent,
  VerifyReport,
} from '../contracts/index.js';
import type { DurableJournal } from '../durable/index.js';
import type { ModelPort } from '../models/index.js';
import type { LaneProfile, Validator } from '../verify/index.js';
import { startVerify } from '../verify/index.js';
import { aggregateBundles } from './aggregate-bundles.js';
import type { MeteredCall, UsageMeter } from './usage-meter.js';

/** The lane id of the orchestrator's own steps (as the blackboard writes it). */
export const SWARMLORD_LANE_ID = 'swarmlord';

export interface VerifyRoundOptions {
  intent: MissionIntent;
  workspace: string;
  attempt: number;
  bundles: readonly ReviewBundle[];
  validators: readonly Validator[];
  lanes: LaneProfile[];
  /** Judges for this round (metered; their calls are logged into `calls`), or none. */
  judges?: Record<string, ModelPort> | undefined;
  /** The judges' metered calls, as they finish. */
  calls: MeteredCall[];
  meter: UsageMeter;
  emit: (event: RunEvent) => Promise<void>;
  at: () => string;
  journal?: DurableJournal | undefined;
  /** Whether the round may be journaled: not when the lanes were cut short (a resume must verify again). */
  record: boolean;
}

interface VerifyRoundRecord {
  report: VerifyReport;
  calls: MeteredCall[];
}

/** A round's result; `recorded` settles once its `verify-end` receipt is durable and the round journaled. */
export interface VerifyRound {
  aggregate: AggregateBundle;
  report: VerifyReport;
  /**
   * Awaited before anything else is emitted or written (decision 0047): the report is
   * known before its receipt is durable, so what only reads it (the re-run plan, the digest's
   * content) is made under that fsync. Rejects when the receipt or the journal entry failed.
   */
  recorded: Promise<void>;
}

const done: Promise<void> = Promise.resolve();

/**
 * Aggregate + Verify as one durable step: a journaled round is restored (its judges' calls added to
 * the meter, no receipt written again); otherwise it runs and is journaled after `verify-end`.
 */
export async function runVerifyRound(options: VerifyRoundOptions): Promise<VerifyRound> {
  const { intent, attempt, emit, at, journal } = options;
  const missionId = intent.mission_id;
  const aggregate = aggregateBundles([...options.bundles]);
  const step = { missionId, laneId: SWARMLORD_LANE_ID, attempt, phase: 'verify' };
  const found = await journal?.get(step);
  if (found !== undefined) {
    const record = found.value as VerifyRoundRecord;
    for (const call of record.calls) options.meter.add({ ...call, cached: true, cost_usd: 0 });
    return { aggregate, report: record.report, recorded: done };
  }
  const mark = options.calls.length;
  // The deterministic grounding runs under the aggregate receipt's fsync (decision 0042); the
  // judges are asked only in `finish`, after `verify-start` was handed on, so receipts keep their order.
  const verify = startVerify({
    aggregate,
    intent,
    workspace: options.workspace,
    attempt,
    validators: [...options.validators],
    lanes: options.lanes,
    ...(options.judges === undefined ? {} : { judges: options.judges }),
  });
  await emit({ type: 'aggregate-end', mission_id: missionId, at: at(), attempt, bundle: aggregate });
  await emit({ type: 'verify-start', mission_id: missionId, at: at(), attempt });
  const report = await verify.finish();
  const calls = options.calls.slice(mark);
  const recorded = (async () => {
    await emit({ type: 'verify-end', mission_id: missionId, at: at(), attempt, report });
    if (journal !== undefined && options.record) {
      const value: VerifyRoundRecord = { report, calls };
      await journal.put({ step, kind: 'verify', value });
    }
  })();
  // Awaited by the caller before its next emit; handled here so it is never an unhandled rejection.
  recorded.catch(() => undefined);
  return { aggregate, report, recorded };
}
