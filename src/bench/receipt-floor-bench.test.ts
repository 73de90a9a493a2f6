import { describe, expect, it } from 'vitest';
import { measureReceiptFloor } from './receipt-floor-bench.js';

describe('measureReceiptFloor', () => {
  it("replays a real mission's receipts into the durable blackboard, each round synced", async () => {
    const floor = await measureReceiptFloor(1, 3, 1);
    expect(floor.calls).toBe(7);
    // A 1-lane mission writes lane-start, 4 × (model-call-end, phase-end), aggregate, verify, digest, mission receipts.
    expect(floor.receipts).toBeGreaterThanOrEqual(13);
    expect(floor.syncsPerMission).toBeGreaterThanOrEqual(1);
    expect(floor.cpuUsPerMission.median).toBeGreaterThan(0);
    expect(floor.cpuUsPerMission.min).toBeLessThanOrEqual(floor.cpuUsPerMission.median);
    expect(floor.cpuUsPerMission.max).toBeGreaterThanOrEqual(floor.cpuUsPerMission.median);
  }, 60_000);
});
