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

  it('goes through the pool for good after one stalled call', async () => {
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
    for (let index = 0; index < 50; index += 1)
      await mode.run(
        () => (synchronous += 1),
        async () => 0,
      );
    expect(synchronous).toBe(0);
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
