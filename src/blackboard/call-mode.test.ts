import { describe, expect, it } from 'vitest';
import { createCallMode } from './call-mode.js';

/** A clock the calls advance by `cost` ms each. */
function clocked() {
  let at = 0;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

describe('createCallMode', () => {
  it('runs calls synchronously while they are fast, with the same results and errors as promises', async () => {
    const clock = clocked();
    const mode = createCallMode({ now: clock.now });
    const ran: string[] = [];
    for (let index = 0; index < 100; index += 1) {
      const value = mode.run(
        () => {
          ran.push('sync');
          clock.advance(0.01);
          return index;
        },
        async () => {
          ran.push('async');
          return index;
        },
      );
      // Synchronous already: the call ran before `run` returned.
      expect(ran).toHaveLength(index + 1);
      expect(await value).toBe(index);
    }
    expect(ran.every((how) => how === 'sync')).toBe(true);
    expect(mode.pooled).toBe(false);
    const failing = mode.run(
      () => {
        throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
      },
      async () => 0,
    );
    await expect(failing).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('goes through the pool after one stalled call, and probes one call in 64 for a fast disk', async () => {
    const clock = clocked();
    const mode = createCallMode({ now: clock.now });
    await mode.run(
      () => clock.advance(0.01),
      async () => 0,
    );
    await mode.run(
      () => clock.advance(6),
      async () => 0,
    );
    expect(mode.pooled).toBe(true);
    let synchronous = 0;
    let pooled = 0;
    const call = (cost: number) =>
      mode.run(
        () => {
          synchronous += 1;
          clock.advance(cost);
        },
        async () => {
          pooled += 1;
        },
      );
    // Still slow when probed: stays pooled.
    for (let index = 0; index < 64; index += 1) await call(2);
    expect([synchronous, pooled, mode.pooled]).toEqual([1, 63, true]);
    // Fast when probed again: synchronous from then on.
    for (let index = 0; index < 64; index += 1) await call(0.01);
    expect([synchronous, pooled, mode.pooled]).toEqual([2, 126, false]);
    for (let index = 0; index < 10; index += 1) await call(0.01);
    expect(synchronous).toBe(12);
  });

  it('judges by the last calls: a slow disk after many fast calls is pooled within a few calls', async () => {
    const clock = clocked();
    const mode = createCallMode({ now: clock.now });
    for (let index = 0; index < 10_000; index += 1)
      await mode.run(
        () => clock.advance(0.01),
        async () => 0,
      );
    let slow = 0;
    while (!mode.pooled) {
      await mode.run(
        () => clock.advance(2),
        async () => 0,
      );
      slow += 1;
    }
    expect(slow).toBeLessThanOrEqual(6);
  });

  it('goes through the pool once calls average over 0.5 ms, judged after 16 calls', async () => {
    const clock = clocked();
    const mode = createCallMode({ now: clock.now });
    for (let index = 0; index < 15; index += 1)
      await mode.run(
        () => clock.advance(1),
        async () => 0,
      );
    // 15 calls of 1 ms: too few to judge by.
    expect(mode.pooled).toBe(false);
    await mode.run(
      () => clock.advance(1),
      async () => 0,
    );
    expect(mode.pooled).toBe(true);
  });
});
