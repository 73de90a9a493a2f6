import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBlackboard } from '../blackboard/index.js';
import { formatTable, median } from './measure.js';

/** Issue 19: durable appends per second with 64 concurrent writers. */
const TARGET_APPENDS_PER_SECOND = 50_000;
const TARGET_WRITERS = 64;

interface Run {
  perSecond: number;
  /** Process CPU time per append, µs. */
  cpuUs: number;
  /** Receipts per write batch (and per fsync when durable). */
  perBatch: number;
}

async function appendsPerSecond(durable: boolean, receipts: number, concurrency: number): Promise<Run> {
  const directory = await mkdtemp(join(tmpdir(), 'swarmlord-bench-'));
  try {
    const blackboard = await openBlackboard({ path: join(directory, 'blackboard.jsonl'), durable });
    const cpu = process.cpuUsage();
    const started = performance.now();
    let next = 0;
    // `concurrency` writers, like lanes, each appending as soon as its last append is durable.
    // Drafts come through the public append (validated), as any caller's do.
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
    const used = process.cpuUsage(cpu);
    const stats = blackboard.stats();
    await blackboard.close();
    return {
      perSecond: receipts / seconds,
      cpuUs: (used.user + used.system) / receipts,
      perBatch: stats.appends / Math.max(1, stats.batches),
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * Durable (fsynced, group-committed, fsync pipelined under the next batch) appends per second
 * against non-durable appends, rounds interleaved in one process; the 64-writer target line last.
 */
export async function benchBlackboard(receipts: number, runs: number): Promise<string> {
  const rows: string[][] = [
    [
      'writers',
      'durable appends/s',
      'buffered appends/s',
      'durable/buffered',
      'CPU µs/append',
      'receipts/fsync',
    ],
  ];
  let target = 0;
  for (const concurrency of [1, 16, TARGET_WRITERS, 256]) {
    const durable: Run[] = [];
    const buffered: Run[] = [];
    for (let run = 0; run < runs; run += 1) {
      durable.push(
        await appendsPerSecond(true, concurrency === 1 ? Math.min(receipts, 2_000) : receipts, concurrency),
      );
      buffered.push(await appendsPerSecond(false, receipts, concurrency));
    }
    const durableMedian = median(durable.map((run) => run.perSecond));
    const bufferedMedian = median(buffered.map((run) => run.perSecond));
    if (concurrency === TARGET_WRITERS) target = durableMedian;
    rows.push([
      String(concurrency),
      `${durableMedian.toFixed(0)} (${Math.min(...durable.map((run) => run.perSecond)).toFixed(0)}–${Math.max(...durable.map((run) => run.perSecond)).toFixed(0)})`,
      bufferedMedian.toFixed(0),
      (durableMedian / bufferedMedian).toFixed(2),
      median(durable.map((run) => run.cpuUs)).toFixed(1),
      median(durable.map((run) => run.perBatch)).toFixed(1),
    ]);
  }
  const mark = target >= TARGET_APPENDS_PER_SECOND ? '✓' : '✗';
  return `${formatTable(rows)}\n${mark} durable appends with ${TARGET_WRITERS} writers: ${target.toFixed(0)}/s (target ≥ ${TARGET_APPENDS_PER_SECOND.toLocaleString('en-US')}/s)`;
}
