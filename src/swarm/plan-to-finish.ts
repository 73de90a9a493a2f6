import type { ResolvedLane } from '../contracts/index.js';
import { PREY_PHASES } from '../contracts/index.js';
import type { LaneOutputs } from './lane-context.js';

/** What a partial digest lacks and how to finish it. */
export interface FinishPlan {
  /** Per lane: the phases that did not finish (`lane-2: react, engage, yield`). */
  missing: string[];
  /** The command that finishes the mission from where it stopped. */
  resumeCommand: string;
}

/**
 * The lanes and phases a stopped mission did not finish, and the resume command: Verify and the
 * digest run again over whatever the resume completes, so they are not listed per lane.
 */
export function planToFinish(
  missionId: string,
  lanes: readonly ResolvedLane[],
  outputsOf: (laneId: string) => LaneOutputs | undefined,
): FinishPlan {
  const missing: string[] = [];
  for (const lane of lanes) {
    const outputs = outputsOf(lane.id);
    const phases = PREY_PHASES.filter((phase) => outputs?.[phase] === undefined);
    if (phases.length === 0) continue;
    missing.push(
      `${lane.id}: ${phases.length === PREY_PHASES.length ? 'not started (perceive, react, engage, yield)' : phases.join(', ')}`,
    );
  }
  return { missing, resumeCommand: `swarmlord mission resume ${missionId}` };
}
