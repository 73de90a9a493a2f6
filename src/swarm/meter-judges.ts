import type { RunEvent } from '../contracts/index.js';
import type { DurableJournal } from '../durable/index.js';
import type { ModelPort } from '../models/index.js';
import { checkPhase } from './check-phase.js';
import { createJournaledModel } from './journaled-model.js';
import { createMeteredModel } from './metered-model.js';
import { SWARMLORD_LANE_ID } from './run-verify-round.js';
import type { MeteredCall, UsageMeter } from './usage-meter.js';

export interface MeterJudgesOptions {
  missionId: string;
  /** The Verify round. */
  attempt: number;
  meter: UsageMeter;
  emit: (event: RunEvent) => Promise<void>;
  now: () => Date;
  journal?: DurableJournal | undefined;
  /** Collects the judges' metered calls (the Verify round journals them). */
  calls: MeteredCall[];
  /**
   * Settles once the receipts the judges' answers follow (`aggregate-end`, `verify-start`) are
   * durable (decision 0054): the calls go out under their fsyncs, but an answer is journaled,
   * metered and emitted only after it; a rejection fails the call and emits nothing.
   */
  after?: Promise<void> | undefined;
  /**
   * Given: the judges' `model-call-end` receipts are posted here and not awaited by the call, so an
   * answer is voted on while its receipt is written; the round awaits every one of them before
   * `verify-end` (decision 0058). Absent: each call waits for its receipt.
   */
  receipts?: Promise<void>[] | undefined;
  /**
   * Given (with `receipts`): while `held.open`, the judges' `model-call-end` events are kept here,
   * not handed on; the round hands them on with its `verify-end`, in one run (decision 0060). Once
   * closed, a late one is posted as with `receipts` alone.
   */
  held?: HeldReceipts | undefined;
}

/** The judges' receipt events a Verify round hands on with its `verify-end` (decision 0060). */
export interface HeldReceipts {
  events: RunEvent[];
  open: boolean;
}

const POSTED: Promise<void> = Promise.resolve();
const ignore = () => undefined;

/** A port whose answers (or failures) are handed back only once `after` has settled. */
function answerAfter(port: ModelPort, after: Promise<void>): ModelPort {
  return {
    provider: port.provider,
    modelId: port.modelId,
    label: port.label,
    ...(port.supportsTools === undefined ? {} : { supportsTools: port.supportsTools }),
    async generate(request) {
      try {
        return await port.generate(request);
      } finally {
        await after;
      }
    },
  };
}

/** The judges of one Verify round, each metered against the budget and its calls journaled. */
export function meterJudges(
  judges: Readonly<Record<string, ModelPort>>,
  options: MeterJudgesOptions,
): Record<string, ModelPort> {
  const { missionId, attempt, journal, after } = options;
  const counter = { calls: 0 };
  // Nothing about a judge's call reaches the blackboard before the receipts it follows are durable.
  const written =
    after === undefined
      ? options.emit
      : async (event: RunEvent) => {
          await after;
          await options.emit(event);
        };
  const { receipts, held } = options;
  const emit =
    receipts === undefined
      ? written
      : (event: RunEvent) => {
          if (held?.open === true) {
            held.events.push(event);
            return POSTED;
          }
          // Handed on in the turn's check phase (as a lane's first receipt after an answer, decision
          // 0043): judges that answered in the same turn all count first, and their receipts share
          // one group commit instead of the first answer's receipt taking an fsync of its own.
          const receipt = checkPhase().then(() => written(event));
          // Handled here; the round rethrows it before verify-end.
          receipt.catch(ignore);
          receipts.push(receipt);
          return POSTED;
        };
  return Object.fromEntries(
    Object.entries(judges).map(([name, port]) => {
      // Judges run concurrently: each counts its own calls, so their step ids do not race.
      const own = { calls: 0 };
      const gated = after === undefined ? port : answerAfter(port, after);
      const durable =
        journal === undefined
          ? gated
          : createJournaledModel(gated, {
              journal,
              stepOf: () => {
                own.calls += 1;
                return {
                  missionId,
                  laneId: SWARMLORD_LANE_ID,
                  attempt,
                  phase: `verify:${name}`,
                  callIndex: own.calls,
                };
              },
            });
      const metered = createMeteredModel(durable, {
        missionId,
        scope: { lane_id: SWARMLORD_LANE_ID, attempt, phase: 'verify', role: name },
        meter: options.meter,
        emit,
        now: options.now,
        counter,
        onCall: (call) => options.calls.push(call),
      });
      return [name, metered];
    }),
  );
}
