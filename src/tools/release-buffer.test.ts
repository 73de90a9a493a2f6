import { describe, expect, it } from 'vitest';
import { buffersReleased, releaseBuffer } from './release-buffer.js';

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('releaseBuffer', () => {
  it('detaches the buffer and every view of it', () => {
    const array = new Uint32Array(1000).fill(7);
    const view = array.subarray(10, 20);
    releaseBuffer(array.buffer);
    expect(array.buffer.byteLength).toBe(0);
    expect(array.length).toBe(0);
    expect(view.length).toBe(0);
  });

  it('gives the bytes back within a turn, without a collection', async () => {
    // 64 MiB, old enough to be freed only by a full collection otherwise.
    const arrays = Array.from({ length: 4 }, () => new Uint32Array(4 * 2 ** 20).fill(1));
    await nextTurn();
    const before = process.memoryUsage().arrayBuffers;
    for (const array of arrays) releaseBuffer(array.buffer);
    // Freed once `buffersReleased` resolves, not only at some later turn.
    await buffersReleased();
    const after = process.memoryUsage().arrayBuffers;
    expect(before - after).toBeGreaterThanOrEqual(60 * 2 ** 20);
    // Still referenced: nothing else freed them.
    expect(arrays.every((array) => array.length === 0)).toBe(true);
  });

  it('leaves a buffer it cannot transfer as it is', () => {
    const pooled = Buffer.from('a pooled buffer');
    releaseBuffer(pooled.buffer);
    expect(pooled.toString()).toBe('a pooled buffer');
    const empty = new ArrayBuffer(0);
    releaseBuffer(empty);
    expect(empty.byteLength).toBe(0);
  });
});
