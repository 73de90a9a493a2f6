import type {
  AggregateBundle,
  MissionIntent,
  ReviewBundle,
  RunEvent,
  VerifyReport,
} from '../contracts/index.js';
import type { DurableJournal } from '../durable/index.js';
import type { ModelPort } from '../models/index.js';
import type { GroundingResolver, LaneProfile, Validator } from '../verify/index.js';
import { startVerify } from '../verify/run-verify.js';
import { aggregateBundles } from './aggregate-bundles.js';
import type { HeldReceipts } from './meter-judges.js';
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
  /**
   * Judges for this round (metered; their calls are logged into `calls`), or none. Given the
   * promise that the round's `aggregate-end` and `verify-start` receipts are durable: their calls
   * may go out before, their answers must not be taken before (decision 0054). And the list their
   * `model-call-end` receipts are posted into: all are awaited before `verify-end` (decision 0058).
   */
  judges?:
    | ((receipts: Promise<void>, posted: Promise<void>[], held?: HeldReceipts) => Record<string, ModelPort>)
    | undefined;
  /** The judges' metered calls, as they finish. */
  calls: MeteredCall[];
  meter: UsageMeter;
  emit: (event: RunEvent) => Promise<void>;
  /**
   * Consecutive events handed on together (the bus's `emitAll`): given, the judges' receipts are
   * held and handed on with `verify-end` once the report is known, in one run (one group commit,
   * decision 0060); absent, each is posted at its answer (decision 0058).
   */
  emitAll?: ((events: readonly RunEvent[]) => Promise<void>[]) | undefined;
  at: () => string;
  journal?: DurableJournal | undefined;
  /** Whether the round may be journaled: not when the lanes were cut short (a resume must verify again). */
  record: boolean;
  /**
   * Told the round's (frozen) aggregate once its first receipts are durable, when the judges have
   * not answered yet: work that needs only the aggregate is done under their calls (decision 0058).
   */
  whileJudged?: ((aggregate: AggregateBundle) => void) | undefined;
  /**
   * Settles once the lanes' receipts are durable and their results stand, when the round was
   * started before (decision 0060): nothing of the round is emitted, and no judge's answer is
   * taken, before it; a rejection fails the round with nothing of it written or counted.
   */
  lanesDurable?: Promise<void> | undefined;
  /** The gate's grounding resolver (one the lanes' yields were grounded through ahead); default a new one. */
  resolver?: GroundingResolver | undefined;
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

/** `value` and everything in it frozen: what the gate, the receipts and the digest read of it cannot change. */
function freezeDeep<T>(value: T, seen = new Set<object>()): T {
  // Into frozen objects too: one frozen before may hold one that is not.
  if (value !== null && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    Object.freeze(value);
    for (const item of Object.values(value)) freezeDeep(item, seen);
  }
  return value;
}

/** The same judges; `called` runs once, when the first of them is asked. */
function onFirstCall(judges: Record<string, ModelPort>, called: () => void): Record<string, ModelPort> {
  let first = true;
  return Object.fromEntries(
    Object.entries(judges).map(([name, port]) => [
      name,
      {
        provider: port.provider,
        modelId: port.modelId,
        label: port.label,
        ...(port.supportsTools === undefined ? {} : { supportsTools: port.supportsTools }),
        generate(request) {
          if (first) {
            first = false;
            called();
          }
          return port.generate(request);
        },
      } satisfies ModelPort,
    ]),
  );
}

/**
 * Aggregate + Verify as one durable step: a journaled round is restored (its judges' calls added to
 * the meter, no receipt written again); otherwise it runs and is journaled after `verify-end`.
 */
export async function runVerifyRound(options: VerifyRoundOptions): Promise<VerifyRound> {
  const { intent, attempt, emit, at, journal } = options;
  const missionId = intent.mission_id;
  const aggregate = freezeDeep(aggregateBundles([...options.bundles]));
  const step = { missionId, laneId: SWARMLORD_LANE_ID, attempt, phase: 'verify' };
  const found = await journal?.get(step);
  if (found !== undefined) {
    // Counted only once the lanes' results stand (an early round that is refused adds nothing).
    await options.lanesDurable;
    const record = found.value as VerifyRoundRecord;
    for (const call of record.calls) options.meter.add({ ...call, cached: true, cost_usd: 0 });
    return { aggregate, report: record.report, recorded: done };
  }
  const mark = options.calls.length;
  // The round's first two receipts, in order. With judges they are made on the turn after the
  // judges' first call went out, so the calls (after the grounding they need) wait for no receipt
  // CPU; the judges' answers wait for both receipts to be durable (see `judges`), and so does
  // `verify-end`: nothing of the round counts or is written before (decision 0054). Without judges
  // the grounding runs under their fsyncs (decision 0042).
  let startReceipts: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => {
    startReceipts = resolve;
  });
  const receipts = (async () => {
    await asked;
    await options.lanesDurable;
    await emit({ type: 'aggregate-end', mission_id: missionId, at: at(), attempt, bundle: aggregate });
    await emit({ type: 'verify-start', mission_id: missionId, at: at(), attempt });
  })();
  receipts.catch(() => undefined);
  const judgeReceipts: Promise<void>[] = [];
  const held: HeldReceipts | undefined =
    options.emitAll === undefined ? undefined : { events: [], open: true };
  const judges =
    options.judges === undefined
      ? undefined
      : onFirstCall(options.judges(receipts, judgeReceipts, held), () => setImmediate(startReceipts));
  if (judges === undefined) startReceipts();
  const verify = startVerify({
    aggregate,
    intent,
    workspace: options.workspace,
    attempt,
    validators: [...options.validators],
    lanes: options.lanes,
    ...(options.resolver === undefined ? {} : { resolver: options.resolver }),
    // With judges, the round's receipts wait for their first call: nothing of ours to start first.
    ...(judges === undefined ? {} : { judges, groundNow: true }),
  });
  const finished = verify.finish();
  // No judge asked (none had anything to judge) or the gate failed: the receipts go out now.
  finished.then(startReceipts, startReceipts);
  let answered = false;
  finished.then(
    () => {
      answered = true;
    },
    () => {
      answered = true;
    },
  );
  // A receipt that could not be written fails the round first, whatever the gate was doing.
  await receipts;
  if (!answered && judges !== undefined) options.whileJudged?.(aggregate);
  const report = await finished;
  const calls = options.calls.slice(mark);
  const recorded = (async () => {
    // The judges' answers were voted on while their receipts were written: every one is durable
    // before the round's result counts (a failed one fails the round), and comes before verify-end.
    for (let index = 0; index < judgeReceipts.length; index += 1) await judgeReceipts[index];
    const end: RunEvent = { type: 'verify-end', mission_id: missionId, at: at(), attempt, report };
    if (held === undefined || options.emitAll === undefined) await emit(end);
    else {
      // The judges' receipts held since their answers, then verify-end: one run, in order.
      held.open = false;
      const handed = options.emitAll([...held.events, end]);
      held.events = [];
      for (const receipt of handed) await receipt;
    }
    if (journal !== undefined && options.record) {
      const value: VerifyRoundRecord = { report, calls };
      await journal.put({ step, kind: 'verify', value });
    }
  })();
  // Awaited by the caller before its next emit; handled here so it is never an unhandled rejection.
  recorded.catch(() => undefined);
  return { aggregate, report, recorded };
}
