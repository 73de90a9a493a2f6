import type { Receipt } from '../contracts/index.js';

/** The four phases of a lane, in order. */
export const LANE_PHASES = ['perceive', 'react', 'engage', 'yield'] as const;

/** A lane whose latest attempt did not reach the end, and the phases it has no receipt of. */
export interface MissingSteps {
  lane_id: string;
  attempt: number;
  phases: string[];
}

/**
 * What a partial (or interrupted) run is missing: per lane, the phases of its latest attempt that
 * have no receipt on the blackboard. A complete run gives none.
 */
export function missingSteps(receipts: readonly Receipt[], laneIds: readonly string[]): MissingSteps[] {
  const lanes = new Map<string, { attempt: number; done: Set<string> }>();
  for (const id of laneIds) lanes.set(id, { attempt: 1, done: new Set() });
  for (const receipt of receipts) {
    const lane = lanes.get(receipt.lane_id);
    if (lane === undefined) continue;
    const attempt = receipt.attempt ?? 1;
    if (attempt > lane.attempt) {
      lane.attempt = attempt;
      lane.done = new Set();
    }
    if (attempt === lane.attempt && (LANE_PHASES as readonly string[]).includes(receipt.phase))
      lane.done.add(receipt.phase);
  }
  return [...lanes.entries()]
    .map(([lane_id, lane]) => ({
      lane_id,
      attempt: lane.attempt,
      phases: LANE_PHASES.filter((phase) => !lane.done.has(phase)),
    }))
    .filter((lane) => lane.phases.length > 0);
}
