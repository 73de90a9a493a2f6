import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReceiptDraft } from '../contracts/index.js';
import { auditBlackboard } from './audit-blackboard.js';
import { formatAuditResult } from './format-audit-result.js';
import { openBlackboard } from './open-blackboard.js';
import { readBlackboard } from './read-blackboard.js';

const draft = (summary: string): ReceiptDraft => ({
  mission_id: 'mi_1',
  lane_id: 'lane-a',
  phase: 'yield',
  role: 'assimilator',
  summary,
  timestamp: '2025-10-30T10:00:00Z',
});

let directory: string;
let path: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-torn-'));
  path = join(directory, 'board.jsonl');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function writeReceipts(count: number): Promise<void> {
  const blackboard = await openBlackboard({ path });
  for (let index = 0; index < count; index += 1) await blackboard.append(draft(`step ${index}`));
  await blackboard.close();
}

describe('a torn last line', () => {
  it('is reported by audit and read, then set aside verbatim by the next append', async () => {
    await writeReceipts(3);
    const tornText = '{"mission_id":"mi_1","lane_id":"lane-a","phase":"yi';
    await appendFile(path, tornText);

    const audit = await auditBlackboard(path);
    expect(audit).toMatchObject({ ok: true, receipts: 3, torn: { line: 4, text: tornText } });
    expect(formatAuditResult(audit)).toContain(
      'line 4: torn last line (incomplete write, e.g. a crash); it will be set aside on the next append',
    );
    const read = await readBlackboard(path);
    expect(read.receipts).toHaveLength(3);
    expect(read.torn).toEqual({ line: 4, text: tornText });

    const blackboard = await openBlackboard({ path });
    expect(blackboard.torn).toEqual({ line: 4, text: tornText });
    expect(blackboard.setAsidePath).toBeUndefined();
    const receipt = await blackboard.append(draft('after the crash'));
    await blackboard.close();

    expect(receipt.seq).toBe(3);
    const setAsidePath = blackboard.setAsidePath ?? '';
    expect(basename(setAsidePath)).toMatch(/^board\.jsonl\.torn-3-.+\.jsonl$/);
    expect(await readFile(setAsidePath, 'utf8')).toBe(tornText);
    const after = await auditBlackboard(path);
    expect(after).toMatchObject({ ok: true, receipts: 4, setAside: [setAsidePath] });
    expect(after.torn).toBeUndefined();
    expect(formatAuditResult(after)).toContain(`Set aside earlier (kept): ${setAsidePath}`);
  });

  it('includes a last line that ends with a newline but is not JSON', async () => {
    await writeReceipts(2);
    await appendFile(path, '\u0000\u0000\u0000\n');
    expect((await auditBlackboard(path)).torn).toEqual({ line: 3, text: '\u0000\u0000\u0000' });
    const blackboard = await openBlackboard({ path });
    await blackboard.append(draft('next'));
    await blackboard.close();
    expect(await readFile(blackboard.setAsidePath ?? '', 'utf8')).toBe('\u0000\u0000\u0000\n');
    expect(await auditBlackboard(path)).toMatchObject({ ok: true, receipts: 3 });
  });

  it('can be the only line of the file', async () => {
    await writeFile(path, '{"mission_id":');
    const blackboard = await openBlackboard({ path });
    expect(blackboard.torn?.line).toBe(1);
    const receipt = await blackboard.append(draft('first'));
    await blackboard.close();
    expect(receipt.seq).toBe(0);
    expect(await auditBlackboard(path)).toMatchObject({ ok: true, receipts: 1 });
  });

  it('is left alone when nothing is appended', async () => {
    await writeReceipts(1);
    await appendFile(path, '{"partial');
    const before = await readFile(path, 'utf8');
    const blackboard = await openBlackboard({ path });
    await blackboard.close();
    expect(await readFile(path, 'utf8')).toBe(before);
  });
});
