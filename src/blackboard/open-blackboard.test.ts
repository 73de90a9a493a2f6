import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReceiptDraft } from '../contracts/index.js';
import { GENESIS_HASH } from '../contracts/index.js';
import { auditBlackboard } from './audit-blackboard.js';
import { hashReceipt } from './hash-receipt.js';
import { openBlackboard } from './open-blackboard.js';
import { readBlackboard } from './read-blackboard.js';

function draft(missionId: string, laneId: string, summary: string): ReceiptDraft {
  return {
    mission_id: missionId,
    lane_id: laneId,
    phase: 'perceive',
    role: 'observer',
    summary,
    timestamp: '2025-10-30T10:00:00.000Z',
  };
}

let directory: string;
let path: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-blackboard-'));
  path = join(directory, 'hfo_blackboard', 'obsidian_synapse_blackboard.jsonl');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function lines(): Promise<Record<string, unknown>[]> {
  const text = await readFile(path, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('openBlackboard', () => {
  it('chains receipts across two missions (two open/close cycles)', async () => {
    const first = await openBlackboard({ path });
    expect(first.nextSeq).toBe(0);
    expect(first.lastHash).toBe(GENESIS_HASH);
    const a = await first.append(draft('mi_1', 'lane-a', 'one'));
    const b = await first.append(draft('mi_1', 'lane-a', 'two'));
    await first.close();

    const second = await openBlackboard({ path });
    expect(second.nextSeq).toBe(2);
    expect(second.lastHash).toBe(b.hash);
    const c = await second.append(draft('mi_2', 'lane-a', 'three'));
    await second.close();

    expect([a.seq, b.seq, c.seq]).toEqual([0, 1, 2]);
    expect(a.prev_hash).toBe(GENESIS_HASH);
    expect(b.prev_hash).toBe(a.hash);
    expect(c.prev_hash).toBe(b.hash);
    const stored = await lines();
    expect(stored.map((line) => line.hash)).toEqual([a.hash, b.hash, c.hash]);
    expect(stored[0]).toMatchObject({ evidence_refs: [], safety_envelope: {}, blocked_capabilities: [] });
    for (const line of stored) expect(hashReceipt(line)).toBe(line.hash);
    const audit = await auditBlackboard(path);
    expect(audit).toMatchObject({ ok: true, receipts: 3, missions: 2, setAside: [] });
  });

  it('keeps 200 concurrent appends from 8 lanes whole, numbered, chained and in lane order', async () => {
    const blackboard = await openBlackboard({ path });
    const lanes = Array.from({ length: 8 }, (_, lane) => `lane-${lane}`);
    await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        blackboard.append(draft('mi_1', lanes[index % 8] ?? 'lane-0', `step ${Math.floor(index / 8)}`)),
      ),
    );
    await blackboard.close();
    const stored = await lines();
    expect(stored.map((line) => line.seq)).toEqual(Array.from({ length: 200 }, (_, index) => index));
    for (const lane of lanes) {
      const steps = stored.filter((line) => line.lane_id === lane).map((line) => line.summary);
      expect(steps).toEqual(steps.map((_, index) => `step ${index}`));
    }
    expect((await auditBlackboard(path)).ok).toBe(true);
    const stats = blackboard.stats();
    expect(stats.appends).toBe(200);
    expect(stats.batches).toBeLessThan(200);
    expect(stats.syncs).toBe(stats.batches);
  });

  it('group-commits lanes that each await their own appends', async () => {
    const blackboard = await openBlackboard({ path });
    await Promise.all(
      Array.from({ length: 8 }, async (_, lane) => {
        for (let step = 0; step < 25; step += 1)
          await blackboard.append(draft('mi_1', `lane-${lane}`, `s${step}`));
      }),
    );
    await blackboard.close();
    expect(blackboard.stats().appends).toBe(200);
    expect(blackboard.stats().batches).toBeLessThan(100);
    expect((await auditBlackboard(path)).receipts).toBe(200);
  });

  it('has the line on disk once append resolves', async () => {
    const blackboard = await openBlackboard({ path });
    const receipt = await blackboard.append(draft('mi_1', 'lane-a', 'durable'));
    const text = await readFile(path, 'utf8');
    expect(text).toContain(receipt.hash);
    await blackboard.close();
  });

  it('reads the tail of a file larger than one read chunk from its end', async () => {
    const blackboard = await openBlackboard({ path, durable: false });
    let last = await blackboard.append(draft('mi_1', 'lane-a', 'x'.repeat(1000)));
    for (let index = 1; index < 300; index += 1)
      last = await blackboard.append(draft('mi_1', 'lane-a', 'y'.repeat(1000)));
    await blackboard.close();
    expect(blackboard.stats()).toMatchObject({ appends: 300, syncs: 0 });
    expect((await stat(path)).size).toBeGreaterThan(200_000);
    const reopened = await openBlackboard({ path });
    expect(reopened.nextSeq).toBe(300);
    expect(reopened.lastHash).toBe(last.hash);
    await reopened.close();
  });

  it('rejects an invalid draft without using up a seq', async () => {
    const blackboard = await openBlackboard({ path });
    await expect(
      blackboard.append({ ...draft('mi_1', 'a', 's'), timestamp: 'yesterday' }),
    ).rejects.toMatchObject({
      code: 'BLACKBOARD_INVALID_DRAFT',
    });
    await expect(
      blackboard.append({ ...draft('mi_1', 'a', 's'), data: { n: Number.NaN } }),
    ).rejects.toMatchObject({
      code: 'BLACKBOARD_INVALID_DRAFT',
    });
    expect((await blackboard.append(draft('mi_1', 'a', 's'))).seq).toBe(0);
    await blackboard.close();
    await expect(blackboard.append(draft('mi_1', 'a', 's'))).rejects.toMatchObject({
      code: 'BLACKBOARD_CLOSED',
    });
  });

  it('lets two blackboards on one file append at once into one chain (lock per batch)', async () => {
    const first = await openBlackboard({ path });
    const second = await openBlackboard({ path });
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 === 0 ? first : second).append(draft('mi_1', `lane-${index % 2}`, `s${index}`)),
      ),
    );
    await Promise.all([first.close(), second.close()]);
    const audit = await auditBlackboard(path);
    expect(audit).toMatchObject({ ok: true, receipts: 20 });
    await expect(stat(`${path}.lock`)).rejects.toThrow();
  });

  it('keeps one chain when two blackboards write while the fsyncs of the other are in flight (pipelined)', async () => {
    const boards = [await openBlackboard({ path }), await openBlackboard({ path })];
    // Writers that await each append, so batches are written while the previous fsync runs.
    await Promise.all(
      Array.from({ length: 16 }, async (_, writer) => {
        const board = boards[writer % 2] as (typeof boards)[number];
        for (let index = 0; index < 25; index += 1) {
          await board.append(draft('mi_1', `lane-${writer}`, `w${writer}-${index}`));
        }
      }),
    );
    await Promise.all(boards.map((board) => board.close()));
    expect(await auditBlackboard(path)).toMatchObject({ ok: true, receipts: 400 });
    const stats = boards.map((board) => board.stats());
    expect(stats.every((entry) => entry.syncs >= 1 && entry.batches < entry.appends)).toBe(true);
  });

  it('takes over the lock of a dead process, and an empty lock left by an old version', async () => {
    await mkdir(dirname(path), { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(`${path}.lock`, JSON.stringify({ pid: dead, token: 'crashed' }));
    const reopened = await openBlackboard({ path });
    await reopened.append(draft('mi_1', 'a', 'after a crash'));
    await reopened.close();
    await writeFile(`${path}.lock`, '');
    const old = new Date(Date.now() - 60_000);
    await utimes(`${path}.lock`, old, old);
    const again = await openBlackboard({ path });
    expect((await again.append(draft('mi_1', 'a', 'after an empty lock'))).seq).toBe(1);
    await again.close();
    await expect(stat(`${path}.lock`)).rejects.toThrow();
  });

  it('waits for a live holder, says so, and gives up with BLACKBOARD_LOCKED naming it', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(`${path}.lock`, JSON.stringify({ pid: child.pid, token: 'other' }));
      const waits: unknown[] = [];
      await expect(
        openBlackboard({ path, lockWaitMs: 300, onLockWait: (holder) => waits.push(holder) }),
      ).rejects.toMatchObject({
        code: 'BLACKBOARD_LOCKED',
        message: expect.stringContaining(`process ${child.pid}`),
      });
      expect(waits).toEqual([]);
    } finally {
      child.kill();
    }
  });

  it('refuses to chain onto a last line whose hash does not recompute', async () => {
    const blackboard = await openBlackboard({ path });
    await blackboard.append(draft('mi_1', 'lane-a', 'original'));
    await blackboard.close();
    await writeFile(path, (await readFile(path, 'utf8')).replace('original', 'forged'));
    await expect(openBlackboard({ path })).rejects.toMatchObject({ code: 'BLACKBOARD_CORRUPT' });
    await expect(stat(`${path}.lock`)).rejects.toThrow();
    expect((await readBlackboard(path)).receipts[0]?.summary).toBe('forged');
  });
});
