import { describe, expect, it } from 'vitest';
import { createSyncTogether } from './sync-together.js';

/** A fake fsync: each call is recorded and settles when the test says so. */
function fakeSync() {
  const calls: { path: string; settle: (error?: Error) => void }[] = [];
  const sync = (path: string) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ path, settle: (error) => (error === undefined ? resolve() : reject(error)) });
    });
  return { calls, sync };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createSyncTogether', () => {
  it('starts a sync at once when none runs', async () => {
    const { calls, sync } = fakeSync();
    const together = createSyncTogether(sync);
    const done = together('/d');
    expect(calls).toHaveLength(1);
    calls[0]?.settle();
    await expect(done).resolves.toBeUndefined();
  });

  it('never settles a caller with a sync that began before its call', async () => {
    const { calls, sync } = fakeSync();
    const together = createSyncTogether(sync);
    let firstDone = false;
    let laterDone = false;
    const first = together('/d').then(() => {
      firstDone = true;
    });
    const later = together('/d').then(() => {
      laterDone = true;
    });
    const alsoLater = together('/d');
    expect(calls).toHaveLength(1);
    calls[0]?.settle();
    await first;
    await tick();
    expect(firstDone).toBe(true);
    expect(laterDone).toBe(false);
    // The callers that arrived during the first sync share one second sync, started after it.
    expect(calls).toHaveLength(2);
    calls[1]?.settle();
    await Promise.all([later, alsoLater]);
    expect(laterDone).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('a caller arriving once the queued sync has started waits for a third one', async () => {
    const { calls, sync } = fakeSync();
    const together = createSyncTogether(sync);
    void together('/d');
    const second = together('/d');
    calls[0]?.settle();
    await tick();
    expect(calls).toHaveLength(2);
    let thirdDone = false;
    const third = together('/d').then(() => {
      thirdDone = true;
    });
    calls[1]?.settle();
    await second;
    await tick();
    expect(thirdDone).toBe(false);
    expect(calls).toHaveLength(3);
    calls[2]?.settle();
    await third;
  });

  it('keeps folders apart and hands a failure to every caller of that sync only', async () => {
    const { calls, sync } = fakeSync();
    const together = createSyncTogether(sync);
    const a = together('/a');
    const b = together('/b');
    expect(calls.map((call) => call.path)).toEqual(['/a', '/b']);
    calls[0]?.settle(new Error('EIO'));
    calls[1]?.settle();
    await expect(a).rejects.toThrow('EIO');
    await expect(b).resolves.toBeUndefined();
    const again = together('/a');
    expect(calls).toHaveLength(3);
    calls[2]?.settle();
    await expect(again).resolves.toBeUndefined();
  });
});
