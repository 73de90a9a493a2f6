import type { RunEvent } from '../contracts/index.js';
import type { DurableJournal } from '../durable/index.js';
import type { ModelPort } from '../models/index.js';
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
}

/** The judges of one Verify round, each metered against the budget and its calls journaled. */
export function meterJudges(
  judges: Readonly<Record<string, ModelPort>>,
  options: MeterJudgesOptions,
): Record<string, ModelPort> {
  const { missionId, attempt, journal } = options;
  const counter = { calls: 0 };
  return Object.fromEntries(
    Object.entries(judges).map(([name, port]) => {
      // Judges run concurrently: each counts its own calls, so their step ids do not race.
      const own = { calls: 0 };
      const durable =
        journal === undefined
          ? port
          : createJournaledModel(port, {
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
        emit: options.emit,
        now: options.now,
        counter,
        onCall: (call) => options.calls.push(call),
      });
      return [name, metered];
    }),
  );
}
