import type { ReviewBundle, RunEvent, RunStep } from '../contracts/index.js';
import { PREY_PHASES } from '../contracts/index.js';
import type { LaneContext, LaneOutputs } from './lane-context.js';
import { phaseStep } from './lane-durability.js';
import { runLane } from './run-lane.js';

/** What one lane attempt left behind, finished or not. */
export interface LaneAttemptResult {
  bundle?: ReviewBundle;
  outputs: LaneOutputs;
  step: RunStep;
  /** Why the attempt did not finish. */
  failure?: string;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one lane attempt between `lane-start` and `lane-end`. A failing or stopped lane is reported,
 * not thrown: the other lanes' work still reaches Verify and the digest.
 */
export async function runLaneAttempt(context: LaneContext): Promise<LaneAttemptResult> {
  const missionId = context.intent.mission_id;
  const laneId = context.lane.id;
  const { attempt } = context;
  const at = () => context.now().toISOString();
  const outputs: LaneOutputs = {};
  const step = (): RunStep => ({
    lane_id: context.lane.id,
    attempt: context.attempt,
    // Phases reused from the earlier attempt (a re-run from Yield) did not run again.
    phases: PREY_PHASES.filter(
      (phase) => outputs[phase] !== undefined && outputs[phase] !== context.resume?.[phase],
    ),
    rerun: context.attempt > 1,
  });
  // A lane attempt whose Yield is journaled finished before a crash: it is restored without receipts.
  const finished =
    context.durable !== undefined &&
    (await context.durable.journal.get(phaseStep(missionId, laneId, attempt, 'yield'))) !== undefined;
  if (!finished) {
    // Literals, not spreads around a shared base (a spread with added keys is slow; once per lane).
    const start: RunEvent = {
      type: 'lane-start',
      mission_id: missionId,
      at: at(),
      lane_id: laneId,
      attempt,
      model: context.model.modelId,
    };
    // Pipelined (decision 0023): written under Perceive's first call, durable before Perceive counts.
    if (context.fence === undefined) await context.emit(start);
    else context.fence.post(start);
  }
  try {
    const bundle = await runLane(context, outputs);
    context.onYield?.(bundle);
    // The lane is done only once every receipt (and journal entry) it posted is durable.
    await context.fence?.mark();
    if (!finished)
      await context.emit({
        type: 'lane-end',
        mission_id: missionId,
        at: at(),
        lane_id: laneId,
        attempt,
        status: 'done',
      });
    return { bundle, outputs, step: step() };
  } catch (error) {
    const failure = context.signal.aborted
      ? `stopped: ${describeError(context.signal.reason)}`
      : describeError(error);
    const end: RunEvent = {
      type: 'lane-end',
      mission_id: missionId,
      at: at(),
      lane_id: laneId,
      attempt,
      status: 'failed',
      error: failure,
    };
    // Through the fence even after a failed receipt, once what the lane posted has finished.
    await (context.fence === undefined ? context.emit(end) : context.fence.emitLast(end));
    return { outputs, step: step(), failure };
  }
}
