import type { Blackboard } from '../blackboard/index.js';

/**
 * The blackboard as a resumed run writes to it: every receipt's summary says it is a resume, so an
 * auditor tells the steps a resume ran from those of the run it continues.
 */
export function markResumed(blackboard: Blackboard, run: number): Blackboard {
  const mark = `(resume ${run - 1}) `;
  // A proxy rather than a copy: every other member (getters included) stays the blackboard's own.
  return new Proxy(blackboard, {
    get(target, key) {
      if (key === 'append') {
        return (draft: Parameters<Blackboard['append']>[0], options?: Parameters<Blackboard['append']>[1]) =>
          target.append({ ...draft, summary: `${mark}${draft.summary}` }, options);
      }
      return Reflect.get(target, key);
    },
  });
}
