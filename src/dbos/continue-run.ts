import type { Blackboard } from '../blackboard/index.js';

/**
 * The receipts of a mission workflow recovered before its journal had a header (the dead worker
 * had written `mission_start`, not yet the journal's meta): the run starts its steps over, but it
 * is the same run of the same workflow, so its `mission_start` is marked `resume` and the store
 * (`createMissionIndexer`) continues the row (`resumes` + 1) instead of counting another run.
 */
export function markContinuedRun(blackboard: Blackboard): Blackboard {
  // A proxy rather than a copy: every other member (getters included) stays the blackboard's own.
  return new Proxy(blackboard, {
    get(target, key) {
      if (key !== 'append') return Reflect.get(target, key);
      const append: Blackboard['append'] = (draft, options) =>
        target.append(
          draft.phase === 'mission_start'
            ? { ...draft, data: { ...(draft.data as Record<string, unknown> | undefined), resume: true } }
            : draft,
          options,
        );
      return append;
    },
  });
}

/**
 * How a mission workflow starts on this worker: `resume` when the journal has the earlier
 * execution's header (its completed steps answer again), `continued` when only its receipts got
 * written (same run, steps start over), `fresh` otherwise.
 */
export function missionStartKind(input: {
  journalMeta: unknown;
  receiptsHead: { seq: number } | undefined;
}): 'fresh' | 'resume' | 'continued' {
  if (input.journalMeta !== undefined) return 'resume';
  return input.receiptsHead === undefined ? 'fresh' : 'continued';
}
