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

describe('createGroupCommitWriter with a sync step (pipelined)', () => {
  function pipelinedSink() {
    const events: string[] = [];
    const syncs: Array<() => void> = [];
    return {
      events,
      /** Ends the oldest sync in flight. */
      endSync: () => syncs.shift()?.(),
      sink: {
        async commit(items: readonly string[]) {
          events.push(`write ${items.join('')}`);
          return items.map((item) => item.toUpperCase());
        },
        sync() {
          events.push('sync');
          return new Promise<void>((resolve) => syncs.push(resolve));
        },
      },
    };
  }
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('writes the next batch while the previous fsync runs, and resolves each only after a sync that covers it', async () => {
    const { events, endSync, sink } = pipelinedSink();
    const writer = createGroupCommitWriter(sink);
    const resolved: string[] = [];
    const first = writer.enqueue('a').then((result) => resolved.push(result));
    await tick();
    const second = writer.enqueue('b').then((result) => resolved.push(result));
    await tick();
    // `b` was written while the sync covering `a` is still running; nothing resolved yet.
    expect(events).toEqual(['write a', 'sync', 'write b']);
    expect(resolved).toEqual([]);
    endSync();
    await first;
    // `a` is durable; `b` waits for the next sync, started as soon as the first ended.
    expect(resolved).toEqual(['A']);
    expect(events).toEqual(['write a', 'sync', 'write b', 'sync']);
    endSync();
    await second;
    expect(resolved).toEqual(['A', 'B']);
    await writer.drain();
    expect(writer.stats()).toEqual({ appends: 2, batches: 2 });
  });

  it('after a failed sync rejects what it covered, what was written since and every later item', async () => {
    let failNext = true;
    const writer = createGroupCommitWriter({
      async commit(items: readonly string[]) {
        return [...items];
      },
      async sync() {
        await new Promise((resolve) => setTimeout(resolve, 2));
        if (failNext) throw new Error('EIO: fsync failed');
      },
    });
    const first = writer.enqueue('a');
    await tick();
    const second = writer.enqueue('b');
    await expect(first).rejects.toThrow('EIO');
    await expect(second).rejects.toThrow('EIO');
    failNext = false;
    await expect(writer.enqueue('c')).rejects.toThrow('EIO');
    await writer.drain();
    expect(writer.failure).toBeInstanceOf(Error);
  });
});
