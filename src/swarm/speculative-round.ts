import type { ReviewBundle } from '../contracts/index.js';
import type { DispatchedLane } from './dispatch-lane.js';
import type { VerifyRound } from './run-verify-round.js';

const ignore = () => undefined;

/** A Verify round started on the lanes' yields; `cut` is whether it was started without judges. */
export interface StartedRound {
  round: Promise<VerifyRound>;
  cut: boolean;
}

/** The round of one dispatch, started under the lanes' last receipts when every lane yielded. */
export interface RoundSpeculation {
  /** What a lane tells once Yield produced its bundle (`LaneDispatch.onYield`). */
  onYield(laneId: string): (bundle: ReviewBundle) => void;
  /**
   * Once every lane's result is in: the round started on their yields when it stands (every lane
   * finished with the very bundle it yielded, and the round was started with the same `cut`);
   * otherwise undefined, and the early round was refused before anything of it was written or
   * counted (its judges' answers fail into a rejected gate).
   */
  settle(results: readonly DispatchedLane[], cut: boolean): Promise<VerifyRound | undefined>;
}

/**
 * Decision 0060: the round's deterministic work (aggregate, grounding, canaries) and the judges'
 * calls go out while the last lanes' final receipts are being made durable, as the judges' calls go
 * out under the round's own first receipts (decision 0054). `start` runs once the last lane that
 * yielded has returned to its fence (a microtask, decision 0072: before the receipts the turn's
 * check phase hands on, so the judges are asked first and those receipts' CPU and fsync run under
 * their calls), given the promise that the lanes' results stand: the round emits nothing and takes
 * no judge's answer before it. If a lane fails after it yielded (a receipt that could not be
 * written), the early round is refused and the caller runs the round again on the real results.
 */
export function createRoundSpeculation(
  lanes: number,
  start: (yielded: ReadonlyMap<string, ReviewBundle>, lanesDurable: Promise<void>) => StartedRound,
): RoundSpeculation {
  const yielded = new Map<string, ReviewBundle>();
  let confirm: () => void = ignore;
  let refuse: (error: unknown) => void = ignore;
  const lanesDurable = new Promise<void>((resolve, reject) => {
    confirm = resolve;
    refuse = reject;
  });
  lanesDurable.catch(ignore);
  let started: StartedRound | undefined;
  let settled = false;
  return {
    onYield(laneId) {
      return (bundle) => {
        yielded.set(laneId, bundle);
        if (yielded.size !== lanes) return;
        queueMicrotask(() => {
          if (settled) return;
          started = start(yielded, lanesDurable);
          started.round.catch(ignore);
        });
      };
    },
    async settle(results, cut) {
      settled = true;
      const early = started;
      if (early === undefined) return undefined;
      const stands =
        early.cut === cut &&
        results.length === lanes &&
        results.every(
          (result) =>
            result.failure === undefined &&
            result.bundle !== undefined &&
            yielded.get(result.step.lane_id) === result.bundle,
        );
      if (stands) {
        confirm();
        return early.round;
      }
      refuse(new Error('the lanes changed after they yielded: the round is run again on their results'));
      await early.round.catch(ignore);
      return undefined;
    },
  };
}
