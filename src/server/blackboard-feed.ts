import { open, stat } from 'node:fs/promises';
import type { Receipt } from '../contracts/index.js';
import { ReceiptSchema } from '../contracts/index.js';

/** Receives each receipt appended to the blackboard after it subscribed. */
export type ReceiptSubscriber = (receipt: Receipt) => void;

/** The blackboard's appended receipts as a stream, for the dashboard's server-sent events. */
export interface BlackboardFeed {
  /** Returns the unsubscribe function. */
  subscribe(subscriber: ReceiptSubscriber): () => void;
  close(): void;
}

export interface BlackboardFeedOptions {
  /** Absolute path of the blackboard JSONL. */
  path: string;
  /** How often the file is looked at; default 150 ms. */
  intervalMs?: number;
}

/**
 * Tails the blackboard file: every complete line appended after the feed started is parsed and
 * handed to the subscribers. The file is polled (a `stat` per tick) rather than watched, because
 * the writer may be any process on the machine and `fs.watch` misses appends on some filesystems;
 * a torn last line waits for its newline; a file that shrank (a new blackboard) is read from 0.
 */
export function createBlackboardFeed(options: BlackboardFeedOptions): BlackboardFeed {
  const subscribers = new Set<ReceiptSubscriber>();
  let offset: number | undefined;
  let pending = '';
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const size = (await stat(options.path).catch(() => undefined))?.size ?? 0;
      if (offset === undefined || size < offset) {
        // Start at the end: what is already there is replayed per connection from the file itself.
        offset = offset === undefined ? size : 0;
        pending = '';
        if (offset === size) return;
      }
      if (size === offset) return;
      const handle = await open(options.path, 'r');
      try {
        const buffer = Buffer.alloc(size - offset);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        offset += bytesRead;
        pending += buffer.subarray(0, bytesRead).toString('utf8');
      } finally {
        await handle.close();
      }
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const receipt = parseLine(line);
        if (receipt !== undefined) for (const subscriber of subscribers) subscriber(receipt);
      }
    } catch {
      // A read racing a rotation or a permission change: the next tick tries again.
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), options.intervalMs ?? 150);
  timer.unref();
  return {
    subscribe(subscriber) {
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
    close() {
      clearInterval(timer);
      subscribers.clear();
    },
  };
}

function parseLine(line: string): Receipt | undefined {
  if (line.trim() === '') return undefined;
  try {
    const parsed = ReceiptSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
