import { describe, expect, it } from 'vitest';
import { createGroupCommitWriter } from './group-commit-writer.js';

function recordingSink(options: { failOnCommit?: number; retryable?: boolean } = {}) {
  const commits: string[][] = [];
  let attempts = 0;
  return {
    commits,
    sink: {
      async commit(items: readonly string[]) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        attempts += 1;
        if (options.failOnCommit === attempts - 1) throw new Error('disk full');
        commits.push([...items]);
        return items.map((item) => item.toUpperCase());
      },
      stopsWriter: () => options.retryable !== true,
    },
  };
}

describe('createGroupCommitWriter', () => {
  it('commits items in queue order, batching those queued while a commit is in flight', async () => {
    const { commits, sink } = recordingSink();
    const writer = createGroupCommitWriter(sink);
    const first = writer.enqueue('a');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const results = await Promise.all([first, writer.enqueue('b'), writer.enqueue('c'), writer.enqueue('d')]);
    expect(results).toEqual(['A', 'B', 'C', 'D']);
    expect(commits).toEqual([['a'], ['b', 'c', 'd']]);
    expect(writer.stats()).toEqual({ appends: 4, batches: 2 });
  });

  it('resolves an item only after its batch is committed', async () => {
    const events: string[] = [];
    const writer = createGroupCommitWriter({
      async commit(items: readonly string[]) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push('commit');
        return [...items];
      },
    });
    await writer.enqueue('x').then(() => events.push('resolved'));
    expect(events).toEqual(['commit', 'resolved']);
  });

  it('after a failed commit rejects that batch, everything queued and every later item', async () => {
    const { commits, sink } = recordingSink({ failOnCommit: 1 });
    const writer = createGroupCommitWriter(sink);
    const first = writer.enqueue('a');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const second = writer.enqueue('b');
    await expect(first).resolves.toBe('A');
    await expect(second).rejects.toThrow('disk full');
    await expect(writer.enqueue('c')).rejects.toThrow('disk full');
    await writer.drain();
    expect(commits).toEqual([['a']]);
  });

  it('goes on after a failure the sink says wrote nothing (a lock wait that timed out)', async () => {
    const { commits, sink } = recordingSink({ failOnCommit: 0, retryable: true });
    const writer = createGroupCommitWriter(sink);
    await expect(writer.enqueue('a')).rejects.toThrow('disk full');
    await expect(writer.enqueue('b')).resolves.toBe('B');
    expect(commits).toEqual([['b']]);
  });
});
