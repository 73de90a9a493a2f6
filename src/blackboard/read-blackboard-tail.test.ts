import { appendFile, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReceiptDraft } from '../contracts/index.js';
import { openBlackboard } from './open-blackboard.js';
import { readBlackboardTail } from './read-blackboard-tail.js';

const draft = (summary: string): ReceiptDraft => ({
  mission_id: 'mi_1',
  lane_id: 'lane-a',
  phase: 'yield',
  role: 'assimilator',
  summary,
  timestamp: '2025-10-30T10:00:00Z',
});

/** Bytes the tail reader asked its reads for, counted at the file calls. */
let bytesAsked = 0;
vi.mock('./fd-calls.js', async (original) => {
  const calls = await original<typeof import('./fd-calls.js')>();
  return {
    ...calls,
    readFd: (...args: Parameters<typeof calls.readFd>) => {
      bytesAsked += args[3];
      return calls.readFd(...args);
    },
  };
});

let directory: string;
let path: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-tail-'));
  path = join(directory, 'board.jsonl');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function writeSummaries(summaries: readonly string[]): Promise<void> {
  const blackboard = await openBlackboard({ path, durable: false });
  for (const summary of summaries) await blackboard.append(draft(summary));
  await blackboard.close();
}

/** The tail as a plain reading of the whole file says it is (every line ends with a newline). */
async function expectedTail(): Promise<{ seq: number; lastOffset: number; goodLength: number }> {
  const bytes = await readFile(path);
  const lastStart = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
  const last = JSON.parse(bytes.subarray(lastStart, bytes.length - 1).toString('utf8')) as { seq: number };
  return { seq: last.seq, lastOffset: lastStart, goodLength: bytes.length };
}

async function tailOf(): Promise<{
  tail: Awaited<ReturnType<typeof readBlackboardTail>>;
  bytesRead: number;
}> {
  const handle = await open(path, 'r');
  const before = bytesAsked;
  try {
    const tail = await readBlackboardTail(handle, path);
    return { tail, bytesRead: bytesAsked - before };
  } finally {
    await handle.close();
  }
}

describe('readBlackboardTail', () => {
  it('finds the last receipt whatever the lengths of the last lines (chunk boundaries)', async () => {
    // Lines around and far past every read size: small, 10 KiB, 20 KiB, 70 KiB, 150 KiB.
    const lengths = [10, 10_000, 20, 20_000, 16_300, 70_000, 5, 150_000, 30, 16_384, 65_536, 7];
    for (let end = 1; end <= lengths.length; end += 1) {
      await rm(path, { force: true });
      await writeSummaries(lengths.slice(0, end).map((length, index) => `${index}`.padEnd(length, 'x')));
      const { tail } = await tailOf();
      const expected = await expectedTail();
      expect(tail.last?.seq).toBe(expected.seq);
      expect(tail.lastOffset).toBe(expected.lastOffset);
      expect(tail.goodLength).toBe(expected.goodLength);
      expect(tail.torn).toBeUndefined();
    }
  });

  it('reads only the last few KiB of a file of small lines', async () => {
    await writeSummaries(Array.from({ length: 400 }, (_, index) => `step ${index}`));
    const { tail, bytesRead } = await tailOf();
    expect(tail.last?.seq).toBe(399);
    // Each line is ~330 bytes: the file is ~130 KiB, and its last lines fit in the first read.
    expect(bytesRead).toBeLessThanOrEqual(16 * 1024);
  });

  it('keeps a torn last line, long or short, apart from the last complete one', async () => {
    await writeSummaries(['first', 'second'.padEnd(30_000, 'y')]);
    const whole = await expectedTail();
    for (const torn of ['{"seq":2,"trunc', `{"seq":2,"summary":"${'z'.repeat(80_000)}`]) {
      await appendFile(path, torn);
      const { tail } = await tailOf();
      expect(tail.last?.seq).toBe(1);
      expect(tail.goodLength).toBe(whole.goodLength);
      expect(tail.torn?.toString('utf8')).toBe(torn);
      const handle = await open(path, 'r+');
      await handle.truncate(whole.goodLength);
      await handle.close();
    }
  });
});
