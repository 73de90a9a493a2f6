import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent, VerifyReport } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';
import { auditBlackboard } from './audit-blackboard.js';
import { createBlackboardListener } from './create-blackboard-listener.js';
import type { Blackboard } from './open-blackboard.js';
import { openBlackboard } from './open-blackboard.js';
import { readBlackboard } from './read-blackboard.js';

const OPENAI_KEY = 'sk-proj-listenerTest0123456789abcdef';
const ENV_SECRET = 'env-only-secret-value-77';
const at = '2025-10-30T10:00:00.000Z';
const base = { mission_id: 'mi_1', at };
const intent = MissionIntentSchema.parse({ mission_id: 'mi_1', created_at: at, objective: 'Map the risks' });
const report: VerifyReport = {
  attempt: 1,
  verdict: 'FAIL',
  hallucination_rate: 0.25,
  claims_total: 4,
  claims_grounded: 3,
  grounding: [],
  validators: [],
  quorum: { threshold: 2, passed: 1, held: false },
  failing_lanes: ['lane-2'],
};
const perception = { lane_id: 'lane-1', queries: ['risk'], files_scanned: 3, observations: [] };

/** One mission with a failed verify, a targeted re-run and a digest. */
const events: RunEvent[] = [
  { ...base, type: 'mission-start', intent, lane_ids: ['lane-1', 'lane-2'] },
  { ...base, type: 'lane-start', lane_id: 'lane-1', attempt: 1, model: 'offline' },
  { ...base, type: 'phase-start', lane_id: 'lane-1', attempt: 1, phase: 'perceive', role: 'observer' },
  {
    ...base,
    type: 'phase-end',
    lane_id: 'lane-1',
    attempt: 1,
    phase: 'perceive',
    role: 'observer',
    summary: `found config with ${OPENAI_KEY} and ${ENV_SECRET}`,
    evidence_refs: [{ kind: 'metric', name: 'files', value: 3, source: 'scan' }],
    output: { ...perception, queries: [`apikey ${ENV_SECRET}`] },
    duration_ms: 4,
  },
  { ...base, type: 'lane-end', lane_id: 'lane-1', attempt: 1, status: 'done' },
  { ...base, type: 'lane-end', lane_id: 'lane-2', attempt: 1, status: 'failed', error: 'model timed out' },
  { ...base, type: 'aggregate-end', attempt: 1, bundle: { bundles: [], claims: [], duplicates_merged: 0 } },
  { ...base, type: 'verify-start', attempt: 1 },
  { ...base, type: 'verify-end', attempt: 1, report },
  { ...base, type: 'rerun-start', attempt: 2, lane_ids: ['lane-2'], feedback: ['claim c1 ungrounded'] },
  {
    ...base,
    type: 'phase-end',
    lane_id: 'lane-2',
    attempt: 2,
    phase: 'perceive',
    role: 'observer',
    summary: 'second look',
    evidence_refs: [],
    output: { ...perception, lane_id: 'lane-2' },
    duration_ms: 2,
  },
  { ...base, type: 'digest-write', verdict: 'CAUTION', markdown_path: 'd.md', json_path: 'd.json' },
  { ...base, type: 'mission-end', verdict: 'CAUTION', partial: false },
  { ...base, type: 'mission-error', error: 'late failure' },
];

let directory: string;
let path: string;
let blackboard: Blackboard;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-listener-'));
  path = join(directory, 'board.jsonl');
  blackboard = await openBlackboard({ path });
});
afterEach(async () => {
  await blackboard.close();
  await rm(directory, { recursive: true, force: true });
});

describe('createBlackboardListener', () => {
  it('writes one durable receipt per meaningful event', async () => {
    const listener = createBlackboardListener(blackboard, {
      safetyEnvelope: { chunk_size_max: 200 },
      blockedCapabilities: ['workspace_write', 'network'],
      env: { OPENAI_API_KEY: ENV_SECRET },
    });
    for (const event of events) {
      await listener(event);
      // The listener resolves only once the receipt is in the file.
      expect((await readFile(path, 'utf8')).split('\n').length - 1).toBe(blackboard.nextSeq);
    }
    const { receipts } = await readBlackboard(path);
    expect(receipts.map((receipt) => [receipt.phase, receipt.role, receipt.lane_id])).toEqual([
      ['mission_start', 'swarmlord', 'swarmlord'],
      ['lane_start', 'swarmlord', 'lane-1'],
      ['perceive', 'observer', 'lane-1'],
      ['lane_end', 'swarmlord', 'lane-2'],
      ['aggregate', 'aggregator', 'swarmlord'],
      ['verify', 'verify', 'swarmlord'],
      ['rerun', 'swarmlord', 'swarmlord'],
      ['perceive', 'observer', 'lane-2'],
      ['digest', 'swarmlord', 'swarmlord'],
      ['mission_end', 'swarmlord', 'swarmlord'],
      ['mission_error', 'swarmlord', 'swarmlord'],
    ]);
    for (const receipt of receipts) {
      expect(receipt.safety_envelope).toEqual({ chunk_size_max: 200 });
      expect(receipt.blocked_capabilities).toEqual(['workspace_write', 'network']);
      expect(receipt.timestamp).toBe(at);
    }
    const [, , perceive, laneEnd, , verify, rerun, rerunPerceive] = receipts;
    expect(perceive).toMatchObject({
      attempt: 1,
      evidence_refs: [{ kind: 'metric' }],
      data: { files_scanned: 3 },
    });
    expect(perceive?.regen_flag).toBeUndefined();
    expect(laneEnd?.summary).toBe('Lane lane-2 failed (attempt 1): model timed out');
    expect(verify?.summary).toBe(
      'Verify FAIL: hallucination rate 25.0% (3/4 claims grounded), quorum 1/2 not held',
    );
    // The report itself is in the output store, referenced by hash (decision 0027).
    const { output_ref: ref, ...kept } = (verify?.data ?? {}) as { output_ref: { path: string } };
    expect(kept).toEqual({
      attempt: 1,
      verdict: 'FAIL',
      hallucination_rate: 0.25,
      claims_total: 4,
      claims_grounded: 3,
      quorum: report.quorum,
    });
    expect(JSON.parse(await readFile(join(directory, ref.path), 'utf8'))).toEqual(report);
    expect(rerun).toMatchObject({ regen_flag: true, attempt: 2 });
    expect(rerunPerceive).toMatchObject({ regen_flag: true, attempt: 2, lane_id: 'lane-2' });
    expect((await auditBlackboard(path)).ok).toBe(true);
  });

  it('never lets a key-shaped string or a secret environment value reach the file', async () => {
    const listener = createBlackboardListener(blackboard, { env: { OPENAI_API_KEY: ENV_SECRET } });
    for (const event of events) await listener(event);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(OPENAI_KEY);
    expect(text).not.toContain(ENV_SECRET);
    expect(text).toContain('found config with [REDACTED] and [REDACTED]');
  });

  it('redacts a secret in the safety envelope and the blocked capabilities written into every receipt', async () => {
    const listener = createBlackboardListener(blackboard, {
      safetyEnvelope: { note: `limits set with ${OPENAI_KEY}`, max_files: 3 },
      blockedCapabilities: [`tool:${ENV_SECRET}`],
      env: { OPENAI_API_KEY: ENV_SECRET },
    });
    for (const event of events.slice(0, 4)) await listener(event);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(OPENAI_KEY);
    expect(text).not.toContain(ENV_SECRET);
    for (const line of text.trim().split('\n')) {
      const receipt = JSON.parse(line) as { safety_envelope: unknown; blocked_capabilities: unknown };
      expect(receipt.safety_envelope).toEqual({ note: 'limits set with [REDACTED]', max_files: 3 });
      expect(receipt.blocked_capabilities).toEqual(['tool:[REDACTED]']);
    }
  });

  it('fails the emitting step when the receipt cannot be written', async () => {
    const listener = createBlackboardListener(blackboard);
    await blackboard.close();
    await expect(listener(events[0] as RunEvent)).rejects.toMatchObject({ code: 'BLACKBOARD_CLOSED' });
  });
});

describe('createBlackboardListener many (decision 0060)', () => {
  it('writes the same bytes as one event at a time, the receipts of consecutive events in one batch', async () => {
    const options = { safetyEnvelope: { chunk_size_max: 200 }, env: { OPENAI_API_KEY: ENV_SECRET } };
    for (const event of events) await createBlackboardListener(blackboard, options)(event);
    const one = await readFile(path, 'utf8');
    // The same file name (the output references name it), in another folder.
    const otherPath = join(await mkdtemp(join(directory, 'other-')), 'board.jsonl');
    const other = await openBlackboard({ path: otherPath });
    try {
      const results = createBlackboardListener(other, options).many(events);
      expect(results).toHaveLength(events.length);
      await Promise.all(results);
      expect(await readFile(otherPath, 'utf8')).toBe(one);
    } finally {
      await other.close();
    }
    // The events before the first stored output go out as one write batch.
    const third = await openBlackboard({ path: join(directory, 'third.jsonl') });
    try {
      await Promise.all(createBlackboardListener(third, options).many(events.slice(0, 6)));
      expect(third.stats()).toMatchObject({ appends: 4, batches: 1 });
    } finally {
      await third.close();
    }
  });

  it('appends nothing after an event whose receipt cannot be drafted', async () => {
    const circular: Record<string, unknown> = { lane_id: 'lane-1' };
    circular.self = circular;
    const broken = { ...(events[3] as RunEvent), output: circular } as RunEvent;
    const results = createBlackboardListener(blackboard).many([
      events[1] as RunEvent,
      broken,
      events[4] as RunEvent,
    ]);
    await results[0];
    await expect(results[1]).rejects.toThrow('not JSON data');
    await expect(results[2]).rejects.toThrow();
    const { receipts } = await readBlackboard(path);
    expect(receipts.map((receipt) => receipt.phase)).toEqual(['lane_start']);
  });

  it('appends a run with stored outputs whole, in order, once they are stored, and none of it when one cannot be', async () => {
    const ordered = createBlackboardListener(blackboard).many(events.slice(5, 10));
    await Promise.all(ordered);
    const { receipts } = await readBlackboard(path);
    expect(receipts.map((receipt) => receipt.phase)).toEqual(['lane_end', 'aggregate', 'verify', 'rerun']);
    // One write batch: the receipt before the first output waited for it.
    expect(blackboard.stats()).toMatchObject({ appends: 4, batches: 1 });
    const failing: Blackboard = Object.create(blackboard, {
      storeOutput: { value: () => Promise.reject(new Error('disk full')) },
    });
    const results = createBlackboardListener(failing).many(events.slice(5, 10));
    for (const result of results) await expect(result).rejects.toThrow('disk full');
    expect((await readBlackboard(path)).receipts).toHaveLength(4);
  });
});
