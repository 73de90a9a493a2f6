import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBlackboardListener, openBlackboard } from '../blackboard/index.js';
import type { RunEvent } from '../contracts/index.js';
import { prepareDigestText, REVIEW_BUNDLE_FILE_NAME, writeRunDigest } from '../digest/index.js';
import { callsFor } from './mission-workload.js';
import { recordMission } from './receipt-cpu-bench.js';

/** What the durable receipts of one mission cost alone, with no orchestration around them. */
export interface ReceiptFloor {
  lanes: number;
  /** Model calls of the mission whose events were replayed (4L + 3). */
  calls: number;
  /** Receipts one replay appends. */
  receipts: number;
  /** Process CPU (user + system) per replayed mission, µs: median, min, max over the rounds. */
  cpuUsPerMission: { median: number; min: number; max: number };
  /** Of that, the digest files (as a default `runMission` writes them), µs: median. */
  digestFilesUs: number;
  /** fsyncs of the blackboard per replayed mission (median). */
  syncsPerMission: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * The three runs a mission must make durable one after another: everything up to `verify-end`,
 * then the digest's receipt (no digest file before `verify-end` is durable, decision 0047), then
 * `mission-end` (after the digest). Throws unless the events have that shape.
 */
export function causalGroups(events: readonly RunEvent[]): RunEvent[][] {
  const verified = events.findIndex((event) => event.type === 'verify-end');
  const last = events.length - 1;
  if (verified < 0 || events[last]?.type !== 'mission-end' || verified >= last) {
    throw new Error('a recorded mission must end with verify-end … mission-end');
  }
  return [events.slice(0, verified + 1), events.slice(verified + 1, last), events.slice(last)];
}

/**
 * A lower bound on the orchestration CPU the issue's targets can reach while every step is a
 * durable receipt: the events of one real `lanes`-lane mission (fake models, D = 0) replayed
 * through the real blackboard listener into the real durable blackboard, and nothing else: no
 * lane, model, prompt, retrieval, grounding or validator. Per round the board is opened and
 * closed, as a bench mission does, and the events are handed on in the three runs the mission's
 * rules make durable in order (`causalGroups`): each run one batch, so the fewest fsyncs any
 * mission can have (its lanes' receipts cannot all wait for each other). Between the first two,
 * the recorded digest's files are written as a default `runMission` writes them (texts made, the
 * pair and the review bundle flushed and renamed into a new run folder). Stored outputs are already
 * on disk after the first round (content-addressed, not written again). Redaction, canonical JSON,
 * the hash chain, the lock, the writes and the fsyncs are the real ones.
 */
export async function measureReceiptFloor(lanes: number, rounds = 15, warmup = 5): Promise<ReceiptFloor> {
  const recorded = await recordMission(lanes);
  const events: readonly RunEvent[] = recorded.events;
  const start = events.find((event) => event.type === 'mission-start');
  const safetyEnvelope = start?.type === 'mission-start' ? start.intent.safety : {};
  const groups = causalGroups(events);
  const dir = await mkdtemp(join(tmpdir(), 'swarmlord-floor-'));
  const path = join(dir, 'blackboard.jsonl');
  try {
    let receipts = 0;
    const cpu: number[] = [];
    const syncs: number[] = [];
    const digestFiles: number[] = [];
    for (let round = 0; round < warmup + rounds; round += 1) {
      const used = process.cpuUsage();
      const board = await openBlackboard({ path });
      const listener = createBlackboardListener(board, { safetyEnvelope });
      let filesUs = 0;
      try {
        const [verified, digested, ended] = groups as [RunEvent[], RunEvent[], RunEvent[]];
        await Promise.all(listener.many(verified));
        const files = process.cpuUsage();
        // A new mission folder each round, as each bench mission has its own id.
        const digest = { ...recorded.digest, mission_id: `${recorded.digest.mission_id}_${round}` };
        await writeRunDigest(digest, {
          cwd: dir,
          prepared: prepareDigestText(digest),
          besideFiles: [[REVIEW_BUNDLE_FILE_NAME, recorded.bundleText]],
        });
        const written = process.cpuUsage(files);
        filesUs = written.user + written.system;
        await Promise.all(listener.many(digested));
        await Promise.all(listener.many(ended));
      } finally {
        await board.close();
      }
      const spent = process.cpuUsage(used);
      const stats = board.stats();
      receipts = stats.appends;
      if (round < warmup) continue;
      cpu.push(spent.user + spent.system);
      syncs.push(stats.syncs);
      digestFiles.push(filesUs);
    }
    return {
      lanes,
      calls: callsFor(lanes),
      receipts,
      cpuUsPerMission: { median: median(cpu), min: Math.min(...cpu), max: Math.max(...cpu) },
      digestFilesUs: median(digestFiles),
      syncsPerMission: median(syncs),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
