import { describe, expect, it } from 'vitest';
import { createGroupCommitWriter } from './group-commit-writer.js';

function recordingSink(options: { failOnWrite?: number } = {}) {
  const writes: string[] = [];
  let syncs = 0;
  return {
    writes,
    syncs: () => syncs,
    sink: {
      async write(bytes: Buffer) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (options.failOnWrite === writes.length) throw new Error('disk full');
        writes.push(bytes.toString('utf8'));
      },
      async sync() {
        syncs += 1;
      },
    },
  };
}

describe('createGroupCommitWriter', () => {
  it('writes lines in queue order, batching those queued while a write is in flight', async () => {
    const { writes, syncs, sink } = recordingSink();
    const writer = createGroupCommitWriter(sink);
    const first = writer.enqueue('a\n');
    await new Promise((resolve) => setTimeout(resolve, 0));
    await Promise.all([first, writer.enqueue('b\n'), writer.enqueue('c\n'), writer.enqueue('d\n')]);
    expect(writes.join('')).toBe('a\nb\nc\nd\n');
    expect(writes).toEqual(['a\n', 'b\nc\nd\n']);
    expect(syncs()).toBe(2);
    expect(writer.stats()).toEqual({ appends: 4, batches: 2 });
  });

  it('resolves a line only after its batch is synced', async () => {
    const events: string[] = [];
    const writer = createGroupCommitWriter({
      async write() {
        events.push('write');
      },
      async sync() {
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push('sync');
      },
    });
    await writer.enqueue('x\n').then(() => events.push('resolved'));
    expect(events).toEqual(['write', 'sync', 'resolved']);
  });

  it('after a failed write rejects that batch, everything queued and every later line', async () => {
    const { writes, sink } = recordingSink({ failOnWrite: 1 });
    const writer = createGroupCommitWriter(sink);
    const first = writer.enqueue('a\n');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const second = writer.enqueue('b\n');
    await expect(first).resolves.toBeUndefined();
    await expect(second).rejects.toThrow('disk full');
    await expect(writer.enqueue('c\n')).rejects.toThrow('disk full');
    await writer.drain();
    expect(writes).toEqual(['a\n']);
  });
});
