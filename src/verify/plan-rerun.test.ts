import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRerun } from './plan-rerun.js';
import { runVerify } from './run-verify.js';
import {
  createTestWorkspace,
  forge,
  makeAggregate,
  makeBundle,
  makeClaim,
  makeIntent,
  type TestWorkspace,
} from './test-workspace.js';

describe('planRerun per lane', () => {
  let workspace: TestWorkspace;
  beforeAll(async () => {
    workspace = await createTestWorkspace({
      'a.ts': 'export const limit = 10;\nexport const name = "cache";',
    });
  });
  afterAll(async () => {
    await workspace.remove();
  });

  async function report() {
    const aggregate = makeAggregate([
      makeBundle('lane-1', [makeClaim('lane-1', 'c1', 'The limit is 99.', [workspace.ref('a.ts', [1, 1])])]),
      makeBundle('lane-2', [
        makeClaim('lane-2', 'c2', 'The name is cache.', [forge(workspace.ref('a.ts', [2, 2]))]),
      ]),
      makeBundle('lane-3', [makeClaim('lane-3', 'c3', 'The limit is 10.', [workspace.ref('a.ts', [1, 1])])]),
    ]);
    return runVerify({ aggregate, intent: makeIntent(), workspace: workspace.root, attempt: 1 });
  }

  it('gives each failing lane exactly its failing claims and why, and re-runs Yield only when its evidence resolved', async () => {
    const first = await report();
    const plan = planRerun(first, makeIntent(), 0);
    expect(plan.lane_ids).toEqual(['lane-1', 'lane-2']);
    expect(plan.feedback_by_lane['lane-1']).toEqual([
      'lane-1: claim c1 unsupported: not supported by its evidence: number "99" not found in the cited text',
    ]);
    expect(plan.feedback_by_lane['lane-2']?.[0]).toContain(
      'lane-2: claim c2 unresolved: a.ts:2-2 sha256 mismatch',
    );
    expect(plan.feedback_by_lane['lane-2']?.every((line) => line.startsWith('lane-2: '))).toBe(true);
    expect(plan.from_phase).toEqual({ 'lane-1': 'yield', 'lane-2': 'perceive' });
    expect(plan.shrink_scope).toEqual([]);
    const again = planRerun({ ...first, attempt: 2 }, makeIntent(), 1, [first]);
    expect(again.shrink_scope).toEqual(['lane-1', 'lane-2']);
    expect(again.feedback_by_lane['lane-1']?.at(-1)).toContain('make fewer claims');
  });
});
