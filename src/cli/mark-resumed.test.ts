import { describe, expect, it } from 'vitest';
import type { Blackboard } from '../blackboard/index.js';
import { markResumed } from './mark-resumed.js';

describe('markResumed', () => {
  it("marks each receipt's summary as a resume and passes the append options on", async () => {
    const calls: unknown[][] = [];
    const blackboard = {
      nextSeq: 7,
      append: async (...args: unknown[]) => {
        calls.push(args);
        return {};
      },
    } as unknown as Blackboard;
    const resumed = markResumed(blackboard, 3);
    await resumed.append({ summary: 'lane started' } as Parameters<Blackboard['append']>[0], {
      trusted: true,
    });
    expect(calls).toEqual([[{ summary: '(resume 2) lane started' }, { trusted: true }]]);
    expect(resumed.nextSeq).toBe(7);
  });
});
