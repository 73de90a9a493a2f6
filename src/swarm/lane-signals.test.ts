import { describe, expect, it, vi } from 'vitest';
import { createLaneSignals } from './lane-signals.js';

describe('createLaneSignals', () => {
  it('aborts both signals at the soft limit with a TimeoutError', async () => {
    const hard = new AbortController();
    const lane = createLaneSignals(hard.signal, 5);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(lane.yieldSignal.aborted).toBe(true);
    expect(lane.signal.aborted).toBe(true);
    expect((lane.signal.reason as DOMException).name).toBe('TimeoutError');
    expect(hard.signal.aborted).toBe(false);
    lane.dispose();
  });

  it('aborts the lane signal, not the soft one, when the mission aborts', () => {
    const hard = new AbortController();
    const lane = createLaneSignals(hard.signal, 60_000);
    hard.abort(new Error('hard deadline'));
    expect(lane.signal.aborted).toBe(true);
    expect((lane.signal.reason as Error).message).toBe('hard deadline');
    expect(lane.yieldSignal.aborted).toBe(false);
    lane.dispose();
  });

  it('starts aborted under a mission signal that already is', () => {
    const hard = new AbortController();
    hard.abort(new Error('ctrl-c'));
    const lane = createLaneSignals(hard.signal, 60_000);
    expect((lane.signal.reason as Error).message).toBe('ctrl-c');
    lane.dispose();
  });

  it('after dispose neither the timer nor the mission signal reach the lane', async () => {
    const hard = new AbortController();
    const lane = createLaneSignals(hard.signal, 5);
    lane.dispose();
    hard.abort(new Error('late'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(lane.signal.aborted).toBe(false);
    expect(lane.yieldSignal.aborted).toBe(false);
  });
});

describe('createLaneSignals under one mission signal', () => {
  it('reaches every lane with one listener on the mission signal', () => {
    const hard = new AbortController();
    const listen = vi.spyOn(hard.signal, 'addEventListener');
    const lanes = Array.from({ length: 64 }, () => createLaneSignals(hard.signal, 60_000));
    expect(listen).toHaveBeenCalledTimes(1);
    lanes[3]?.dispose();
    hard.abort(new Error('hard'));
    expect(lanes.filter((lane) => lane.signal.aborted)).toHaveLength(63);
    expect(lanes[3]?.signal.aborted).toBe(false);
    for (const lane of lanes) lane.dispose();
  });
});
