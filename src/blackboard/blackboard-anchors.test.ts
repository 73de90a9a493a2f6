import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditBlackboard } from './audit-blackboard.js';
import { appendBlackboardAnchor } from './blackboard-anchors.js';
import { canonicalJson } from './canonical-json.js';
import { hashReceipt } from './hash-receipt.js';
import { openBlackboard } from './open-blackboard.js';

let directory: string;
let path: string;
let digest: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-anchor-'));
  path = join(directory, 'board.jsonl');
  digest = join(directory, 'digest.md');
  await writeFile(digest, '# digest\n');
  for (const mission of ['mi_1', 'mi_2']) {
    const blackboard = await openBlackboard({ path, durable: false });
    for (let index = 0; index < 3; index += 1) {
      await blackboard.append({
        mission_id: mission,
        lane_id: 'lane-1',
        phase: 'perceive',
        role: 'observer',
        summary: `${mission} step ${index}`,
        timestamp: '2025-10-30T10:00:00Z',
      });
    }
    const head = blackboard.head;
    if (!head) throw new Error('no head');
    await appendBlackboardAnchor(path, {
      missionId: mission,
      head,
      files: mission === 'mi_2' ? [digest] : [],
    });
    await blackboard.close();
  }
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Rewrites every line from `from` on with its hash recomputed: a forger who knows the format. */
async function rewriteFrom(from: number, summary: string): Promise<void> {
  const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
  let prev = '';
  const out = lines.map((line, index) => {
    const { hash: _hash, ...body } = JSON.parse(line) as Record<string, unknown>;
    if (index >= from) {
      if (index === from) body.summary = summary;
      body.prev_hash = prev;
    }
    const hash = index >= from ? hashReceipt(body) : String(_hash);
    prev = hash;
    return index >= from ? `${canonicalJson(body).slice(0, -1)},"hash":"${hash}"}` : line;
  });
  await writeFile(path, `${out.join('\n')}\n`);
}

describe('anchors', () => {
  it('pass when chain and digests are untouched', async () => {
    const result = await auditBlackboard(path);
    expect(result).toMatchObject({ ok: true, anchors: { anchors: 2, problems: [], unanchored: 0 } });
  });

  it('name a truncated tail, and open refuses to append after it', async () => {
    const text = await readFile(path, 'utf8');
    // Keep mission 1 and the first line of mission 2: mission 2's anchored head is gone.
    await truncate(path, Buffer.byteLength(`${text.split('\n').slice(0, 4).join('\n')}\n`));
    const result = await auditBlackboard(path);
    expect(result.ok).toBe(false);
    expect(result.anchors?.problems.join('\n')).toMatch(/truncated tail/);
    await expect(openBlackboard({ path })).rejects.toMatchObject({
      code: 'BLACKBOARD_CORRUPT',
      message: expect.stringContaining(`swarmlord audit ${path}`),
    });
  });

  it('name a history rewritten with every hash recomputed', async () => {
    await rewriteFrom(1, 'forged');
    const result = await auditBlackboard(path);
    expect(result.firstBad).toBeUndefined();
    expect(result.ok).toBe(false);
    expect(result.anchors?.problems.join('\n')).toMatch(/rewritten history: seq 2/);
    await expect(openBlackboard({ path })).rejects.toMatchObject({ code: 'BLACKBOARD_CORRUPT' });
  });

  it('name an edited digest', async () => {
    await writeFile(digest, '# digest, edited\n');
    const result = await auditBlackboard(path);
    expect(result.ok).toBe(false);
    expect(result.anchors?.problems).toEqual([expect.stringMatching(/^edited digest: .*digest\.md/)]);
  });
});
