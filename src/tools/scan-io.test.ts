import { describe, expect, it } from 'vitest';
import { createScanIo } from './scan-io.js';

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // A slow synchronous operation (a cold disk).
  }
}

describe('createScanIo', () => {
  it('stays synchronous while operations are fast, visiting every item once in order', async () => {
    const io = createScanIo();
    const seen: number[] = [];
    const items = Array.from({ length: 200 }, (_, index) => index);
    await io.each(
      items,
      (item) => seen.push(item),
      async () => {
        throw new Error('not concurrent');
      },
    );
    expect(seen).toEqual(items);
    expect(io.concurrent).toBe(false);
  });

  it('turns concurrent after a slow slice, for the rest of the items only', async () => {
    const io = createScanIo();
    const sync: number[] = [];
    const async: number[] = [];
    const items = Array.from({ length: 200 }, (_, index) => index);
    await io.each(
      items,
      (item) => {
        busy(1);
        sync.push(item);
      },
      async (item) => {
        async.push(item);
      },
    );
    expect(io.concurrent).toBe(true);
    expect(sync).toEqual(items.slice(0, 64));
    expect(async.sort((left, right) => left - right)).toEqual(items.slice(64));
  });

  it('yields to the event loop between slices', async () => {
    const io = createScanIo();
    const order: string[] = [];
    setImmediate(() => order.push('immediate'));
    await io.each(
      Array.from({ length: 130 }, (_, index) => index),
      (item) => {
        if (item % 64 === 0) order.push(`slice ${item}`);
      },
      async () => undefined,
    );
    expect(order).toEqual(['slice 0', 'immediate', 'slice 64', 'slice 128']);
  });
});
