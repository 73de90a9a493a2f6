import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBlackboard } from '../blackboard/index.js';
import { formatTable, median } from './measure.js';

async function appendsPerSecond(durable: boolean, receipts: number, concurrency: number): Promise<number> {
  const directory = await mkdtemp(join(tmpdir(), 'swarmlord-bench-'));
  try {
    const blackboard = await openBlackboard({ path: join(directory, 'blackboard.jsonl'), durable });
    const started = performance.now();
    let next = 0;
    // `concurrency` writers, like lanes, each appending as soon as its last append is durable.
    await Promise.all(
      Array.from({ length: concurrency }, async (_, writer) => {
        while (next < receipts) {
          next += 1;
          await blackboard.append({
            mission_id: 'mi_bench',
            lane_id: `lane-${writer + 1}`,
            phase: 'perceive',
            role: 'observer',
            summary: `receipt ${next}`,
            timestamp: new Date().toISOString(),
          });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await blackboard.close();
    return receipts / seconds;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** Durable (fsynced, group-committed) appends per second against non-durable appends, same run. */
export async function benchBlackboard(receipts: number, runs: number): Promise<string> {
  const rows: string[][] = [['writers', 'durable appends/s', 'buffered appends/s', 'durable/buffered']];
  for (const concurrency of [1, 16, 256]) {
    const durable: number[] = [];
    const buffered: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      durable.push(
        await appendsPerSecond(true, concurrency === 1 ? Math.min(receipts, 2_000) : receipts, concurrency),
      );
      buffered.push(await appendsPerSecond(false, receipts, concurrency));
    }
    const durableMedian = median(durable);
    const bufferedMedian = median(buffered);
    rows.push([
      String(concurrency),
      durableMedian.toFixed(0),
      bufferedMedian.toFixed(0),
      (durableMedian / bufferedMedian).toFixed(2),
    ]);
  }
  return formatTable(rows);
}
