import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createBatchLines } from '../blackboard/batch-lines.js';
import { sealJson } from '../blackboard/canonical-json.js';
import { prepareDraft, prepareTrustedDraft } from '../blackboard/chain-receipt.js';
import { createBlackboardListener, openBlackboard } from '../blackboard/index.js';
import type { Blackboard } from '../blackboard/open-blackboard.js';
import { receiptDraftFromEvent } from '../blackboard/receipt-draft-from-event.js';
import { scannerFor } from '../blackboard/redact-secrets.js';
import type { Digest, Receipt, ReceiptDraft, RunEvent } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';
import type { OutputRef } from '../contracts/receipt.js';
import { REVIEW_BUNDLE_FILE_NAME } from '../digest/write-review-bundle.js';
import { createFakeModel } from '../models/index.js';
import { runMission } from '../swarm/index.js';
import { createBenchDirectory, VALIDATORS } from './mission-workload.js';

/** The events one real `lanes`-lane mission emits (fake models, D = 0), in order. */
export async function recordMissionEvents(lanes: number): Promise<RunEvent[]> {
  return (await recordMission(lanes)).events;
}

/** One real mission's events, in order, with its digest and the review bundle written beside it. */
export interface RecordedMission {
  events: RunEvent[];
  digest: Digest;
  bundleText: string;
}

/** One real `lanes`-lane mission (fake models, D = 0): its events, digest and review bundle. */
export async function recordMission(lanes: number): Promise<RecordedMission> {
  const dir = await createBenchDirectory();
  try {
    const intent = MissionIntentSchema.parse({
      mission_id: `mi_receipt_bench_${process.pid}`,
      created_at: '2026-12-01T00:00:00Z',
      objective: 'Map the architecture and risks of the orders service',
      workspace: 'workspace',
      lanes,
    });
    const blackboard = await openBlackboard({ path: resolve(dir.cwd, intent.telemetry.blackboard_path) });
    const events: RunEvent[] = [];
    try {
      const result = await runMission({
        intent,
        cwd: dir.cwd,
        listeners: [
          createBlackboardListener(blackboard, { safetyEnvelope: intent.safety }),
          (event) => {
            events.push(event);
          },
        ],
        resolveModel: () => createFakeModel({ latencyMs: 0 }),
        judges: Object.fromEntries(
          VALIDATORS.map((name) => [name, createFakeModel({ latencyMs: 0, modelId: `judge-${name}` })]),
        ),
      });
      if (result.digest.verdict !== 'PASS') throw new Error(`mission verdict ${result.digest.verdict}`);
      const bundleText = await readFile(join(dirname(result.markdownPath), REVIEW_BUNDLE_FILE_NAME), 'utf8');
      return { events, digest: result.digest, bundleText };
    } finally {
      await blackboard.close();
    }
  } finally {
    await dir.dispose();
  }
}

/**
 * A blackboard that does the CPU work of an append and nothing else: the listener's draft, its
 * redaction, `prepareDraft` (as `append` does) and a batch buffer's `add` (as the commit does, under
 * the lock), and the output store's hash of the referenced text. No file, lock or fsync.
 */
function cpuOnlyBlackboard(): Blackboard & { receipts: number } {
  let seq = 0;
  let prevHash = '0'.repeat(64);
  const lines = createBatchLines();
  const board = {
    path: '/bench/blackboard.jsonl',
    receipts: 0,
    async append(draft: ReceiptDraft, options?: { trusted?: boolean }): Promise<Receipt> {
      const prepared = prepareDraft(board.path, draft, options);
      // Batches of 64 lines in one reused buffer, as the commit writes them.
      if (seq % 64 === 0) lines.reset();
      const receipt = lines.add(prepared, seq, prevHash);
      seq += 1;
      prevHash = receipt.hash;
      board.receipts += 1;
      return receipt;
    },
    async storeOutput(text: string): Promise<OutputRef> {
      const bytes = Buffer.from(text, 'utf8');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return { sha256, bytes: bytes.length, path: `blackboard.jsonl.outputs/${sha256}.json` };
    },
  };
  return board as unknown as Blackboard & { receipts: number };
}

export interface ReceiptCpuResult {
  events: number;
  receipts: number;
  /** Median µs of process CPU per receipt, over the rounds (min and max beside it). */
  medianUs: number;
  minUs: number;
  maxUs: number;
  /** Median µs per receipt of each event type (its own pass over just those events). */
  byType: Record<string, number>;
}

/** The mission's safety envelope (its intent's `safety`), which the bench missions' listeners write. */
function safetyOf(events: readonly RunEvent[]): Record<string, unknown> {
  const start = events.find((event) => event.type === 'mission-start');
  return start?.type === 'mission-start' ? start.intent.safety : {};
}

async function replay(
  events: readonly RunEvent[],
  safetyEnvelope: Record<string, unknown>,
): Promise<{ cpuUs: number; receipts: number }> {
  const board = cpuOnlyBlackboard();
  const listener = createBlackboardListener(board, { safetyEnvelope });
  const started = process.cpuUsage();
  for (const event of events) await listener(event);
  const used = process.cpuUsage(started);
  return { cpuUs: used.user + used.system, receipts: board.receipts };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** µs of CPU per receipt for the event mix of one `lanes`-lane mission, replayed `rounds` times. */
export async function measureReceiptCpu(lanes = 64, rounds = 15, repeat = 10): Promise<ReceiptCpuResult> {
  const events = await recordMissionEvents(lanes);
  const safety = safetyOf(events);
  const many = Array.from({ length: repeat }, () => events).flat();
  for (let index = 0; index < 3; index += 1) await replay(many, safety);
  const perReceipt: number[] = [];
  let receipts = 0;
  for (let round = 0; round < rounds; round += 1) {
    const run = await replay(many, safety);
    receipts = run.receipts / repeat;
    perReceipt.push(run.cpuUs / run.receipts);
  }
  const byType: Record<string, number> = {};
  for (const type of new Set(events.map((event) => event.type))) {
    const only = many.filter((event) => event.type === type);
    const samples: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const run = await replay(only, safety);
      if (run.receipts > 0) samples.push(run.cpuUs / run.receipts);
    }
    if (samples.length > 0) byType[type] = median(samples);
  }
  return {
    events: events.length,
    receipts,
    medianUs: median(perReceipt),
    minUs: Math.min(...perReceipt),
    maxUs: Math.max(...perReceipt),
    byType,
  };
}

export function formatReceiptCpu(lanes: number, result: ReceiptCpuResult): string {
  const rows = Object.entries(result.byType)
    .sort((a, b) => b[1] - a[1])
    .map(([type, us]) => `  ${type.padEnd(16)} ${us.toFixed(1).padStart(8)} µs/receipt`);
  return [
    `receipt CPU, ${lanes}-lane mission mix: ${result.events} events → ${result.receipts} receipts`,
    `  all              ${result.medianUs.toFixed(1).padStart(8)} µs/receipt (min ${result.minUs.toFixed(1)}, max ${result.maxUs.toFixed(1)})`,
    ...rows,
    '',
  ].join('\n');
}

/** Median µs per receipt of the listener path up to each stage (cumulative), no I/O. */
export interface ReceiptStages {
  draft: number;
  prepare: number;
  detect: number;
  chain: number;
}

/**
 * Where a receipt's CPU goes, stage by stage: the event mix of one mission (the aggregate and Verify
 * receipts left out: their output store dominates and `byType` shows them) replayed through the
 * draft, `prepareDraft` (canonical JSON alone), `prepareTrustedDraft` (canonical JSON with every
 * string and key scanned for secrets, as the listener serialises) and the batch buffer's `add` (line
 * and hash), each pass doing every stage before it too (the scanned serialisation in place of the
 * plain one), so the differences are each stage's own share.
 */
export async function measureReceiptStages(lanes = 64, rounds = 15, repeat = 10): Promise<ReceiptStages> {
  const recorded = await recordMissionEvents(lanes);
  const events = recorded.filter((event) => event.type !== 'aggregate-end' && event.type !== 'verify-end');
  // Sealed, as the listener seals the envelope it writes into every receipt.
  const safety = sealJson(safetyOf(recorded));
  const scanner = scannerFor();
  const lines = createBatchLines();
  const pass = (upTo: number): number => {
    let receipts = 0;
    let seq = 0;
    let prevHash = '0'.repeat(64);
    for (let copy = 0; copy < repeat; copy += 1) {
      for (const event of events) {
        const draft = receiptDraftFromEvent(event);
        if (draft === undefined) continue;
        receipts += 1;
        draft.safety_envelope = safety;
        draft.blocked_capabilities ??= [];
        if (upTo < 1) continue;
        if (upTo < 2) {
          prepareDraft('/bench/blackboard.jsonl', draft, { trusted: true });
          continue;
        }
        const prepared = prepareTrustedDraft('/bench/blackboard.jsonl', draft, scanner);
        if (prepared.suspect) throw new Error('a bench receipt holds a secret');
        if (upTo < 3) continue;
        if (seq % 64 === 0) lines.reset();
        prevHash = lines.add(prepared, seq, prevHash).hash;
        seq += 1;
      }
    }
    return receipts;
  };
  const samples: number[][] = [[], [], [], []];
  for (let round = 0; round < rounds + 3; round += 1) {
    // Interleaved, so a change of machine load falls on every stage alike.
    for (let upTo = 0; upTo < 4; upTo += 1) {
      const started = process.cpuUsage();
      const receipts = pass(upTo);
      const used = process.cpuUsage(started);
      if (round >= 3) samples[upTo]?.push((used.user + used.system) / receipts);
    }
  }
  const [draft, prepare, detect, chain] = samples.map(median) as [number, number, number, number];
  return { draft, prepare, detect, chain };
}

export function formatReceiptStages(lanes: number, stages: ReceiptStages): string {
  const row = (name: string, us: number, before: number) =>
    `  ${name.padEnd(16)} ${us.toFixed(1).padStart(8)} µs/receipt cumulative (+${Math.max(0, us - before).toFixed(1)})`;
  return [
    `receipt CPU by stage, ${lanes}-lane mix without aggregate/verify:`,
    row('draft', stages.draft, 0),
    row('+ canonical', stages.prepare, stages.draft),
    row('+ secret scan', stages.detect, stages.prepare),
    row('+ chain/hash', stages.chain, stages.detect),
    '',
  ].join('\n');
}
