/**
 * Where a durable step sits in a mission. Ids are deterministic: the same mission code run again
 * (a resume) reaches the same ids in the same order, which is what lets a journal answer them.
 */
export interface StepId {
  missionId: string;
  /** The lane, or `swarmlord` for the orchestrator's own steps (Verify rounds, re-run plans, digest). */
  laneId: string;
  /** The lane attempt, or the Verify round for orchestrator steps. */
  attempt: number;
  /** `perceive` … `yield`, `verify`, `rerun`, `digest`, or `<phase>:<role>` for a role's calls. */
  phase: string;
  /** 1-based model call within the lane attempt (or the role's calls); absent for the phase itself. */
  callIndex?: number | undefined;
}

/** The step's id as one string: `mission/lane/a<attempt>/phase[/c<call>]`. */
export function formatStepId(step: StepId): string {
  const call = step.callIndex === undefined ? '' : `/c${step.callIndex}`;
  return `${step.missionId}/${step.laneId}/a${step.attempt}/${step.phase}${call}`;
}
