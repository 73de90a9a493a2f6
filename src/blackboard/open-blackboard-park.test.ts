import { appendFile, mkdtemp, open, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReceiptDraft } from '../contracts/index.js';
import { auditBlackboard } from './audit-blackboard.js';
import { openBlackboard } from './open-blackboard.js';
import { closeParkedBlackboards, isLeftHead, PARK_MS } from './open-blackboard-park.js';

function draft(summary: string): ReceiptDraft {
  return {
    mission_id: 'mi_park',
    lane_id: 'lane-1',
    phase: 'perceive',
    role: 'observer',
    summary,
    timestamp: '2026-12-03T00:00:00.000Z',
  };
}

let directory: string;
let path: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-park-'));
  path = join(directory, 'board.jsonl');
});
afterEach(async () => {
  await closeParkedBlackboards();
  await rm(directory, { recursive: true, force: true });
});

const sources = async () => (await readdir(directory)).filter((name) => name.includes('.lock.tmp-')).sort();

async function writeOne(summary: string) {
  const blackboard = await openBlackboard({ path });
  const receipt = await blackboard.append(draft(summary));
  await blackboard.close();
  return { blackboard, receipt };
}

describe('a closed blackboard parked for the next open of its file (decision 0068)', () => {
  it('is not parked at the first close of its file in the process (the CLI leaves nothing behind)', async () => {
    await writeOne('zero');
    expect(await sources()).toEqual([]);
    await writeOne('one');
    expect(await sources()).toHaveLength(1);
  });

  it('is opened again with the same lock source, and the chain goes on', async () => {
    await writeOne('zero');
    const first = await writeOne('one');
    const [source] = await sources();
    expect(source).toBeDefined();
    const second = await openBlackboard({ path });
    expect(second.nextSeq).toBe(2);
    expect(second.lastHash).toBe(first.receipt.hash);
    // No second lock source: the parked one is the lock's again.
    expect(await sources()).toEqual([source]);
    const receipt = await second.append(draft('two'));
    await second.close();
    expect(receipt.prev_hash).toBe(first.receipt.hash);
    expect(await auditBlackboard(path)).toMatchObject({ ok: true, receipts: 3 });
    await closeParkedBlackboards();
    expect(await sources()).toEqual([]);
  });

  it('reads the head again: receipts another writer appended meanwhile are chained onto', async () => {
    await writeOne('zero');
    const other = await openBlackboard({ path });
    await writeOne('one');
    expect(await sources()).toHaveLength(2);
    const theirs = await other.append(draft('theirs'));
    const reopened = await openBlackboard({ path });
    expect(reopened.nextSeq).toBe(3);
    expect(reopened.lastHash).toBe(theirs.hash);
    const last = await reopened.append(draft('two'));
    await reopened.close();
    await other.close();
    expect([theirs.seq, last.seq]).toEqual([2, 3]);
    expect(await auditBlackboard(path)).toMatchObject({ ok: true, receipts: 4 });
  });

  it('opens a file removed and made again afresh, never writing to the old one', async () => {
    await writeOne('zero');
    await writeOne('one');
    expect(await sources()).toHaveLength(1);
    await unlink(path);
    await writeFile(path, '');
    const { receipt } = await writeOne('again');
    expect(receipt.seq).toBe(0);
    const text = await readFile(path, 'utf8');
    expect(text.split('\n').filter(Boolean)).toHaveLength(1);
    expect(await auditBlackboard(path)).toMatchObject({ ok: true, receipts: 1 });
  });

  it('still checks the last line on open: a damaged one is refused', async () => {
    await writeOne('zero');
    await writeOne('one');
    expect(await sources()).toHaveLength(1);
    const text = await readFile(path, 'utf8');
    // Same size and the same hash suffix, in place: only the hash check of the whole line can tell.
    await writeFile(path, text.replace('"summary":"one"', '"summary":"eno"'));
    await expect(openBlackboard({ path })).rejects.toMatchObject({ code: 'BLACKBOARD_CORRUPT' });
    // Refused: the parked blackboard was let go with it.
    expect(await sources()).toEqual([]);
  });

  it('finds a torn tail appended after it was parked, as a fresh open does', async () => {
    await writeOne('zero');
    await writeOne('one');
    await appendFile(path, '{"torn":');
    const reopened = await openBlackboard({ path });
    expect(reopened.torn?.text).toBe('{"torn":');
    expect(reopened.nextSeq).toBe(2);
    await reopened.append(draft('two'));
    await reopened.close();
    expect(await auditBlackboard(path)).toMatchObject({ ok: true, receipts: 3 });
  });

  it('lets its lock source go once parked for PARK_MS', async () => {
    await writeOne('zero');
    await writeOne('one');
    expect(await sources()).toHaveLength(1);
    const until = Date.now() + PARK_MS + 5_000;
    while ((await sources()).length > 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await sources()).toEqual([]);
  });

  it('is not taken by an open of the other kind (durable or not)', async () => {
    await writeOne('zero');
    await writeOne('one');
    const [source] = await sources();
    const fast = await openBlackboard({ path, durable: false });
    await fast.append(draft('two'));
    await fast.close();
    // The durable one was let go when the other kind of open did not fit it.
    expect(source).toBeDefined();
    expect(await sources()).not.toContain(source);
    expect(await auditBlackboard(path)).toMatchObject({ ok: true, receipts: 3 });
  });
});

describe('isLeftHead', () => {
  it('accepts exactly the last line it was told of, checked by schema and hash', async () => {
    await writeOne('zero');
    const { receipt } = await writeOne('one');
    const text = await readFile(path, 'utf8');
    const size = Buffer.byteLength(text);
    const offset = Buffer.byteLength(text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1));
    const at = { size, seq: receipt.seq, hash: receipt.hash, offset };
    const handle = await open(path, 'r');
    try {
      expect(await isLeftHead(handle.fd, at)).toBe(true);
      expect(await isLeftHead(handle.fd, { ...at, seq: 0 })).toBe(false);
      expect(await isLeftHead(handle.fd, { ...at, hash: '0'.repeat(64) })).toBe(false);
      // Not a line start, or two lines.
      expect(await isLeftHead(handle.fd, { ...at, offset: offset + 1 })).toBe(false);
      expect(await isLeftHead(handle.fd, { ...at, offset: 0 })).toBe(false);
    } finally {
      await handle.close();
    }
    await writeFile(path, text.replace('"summary":"one"', '"summary":"eno"'));
    const edited = await open(path, 'r');
    try {
      expect(await isLeftHead(edited.fd, at)).toBe(false);
    } finally {
      await edited.close();
    }
  });
});
