import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AggregateBundle, Receipt, RunEvent, VerifyReport } from '../contracts/index.js';
import { auditBlackboard } from './audit-blackboard.js';
import { createBlackboardListener } from './create-blackboard-listener.js';
import { formatAuditResult } from './format-audit-result.js';
import { openBlackboard } from './open-blackboard.js';
import { outputRefOf, readOutputRef, storeOutput } from './phase-output-store.js';
import { readBlackboard } from './read-blackboard.js';

const at = '2025-10-30T10:00:00.000Z';
const SECRET = 'sk-proj-outputStoreTest0123456789abcdef';
const bundle = {
  bundles: [],
  claims: [{ claim_id: 'c1', lane_id: 'lane-1', text: `the config holds ${SECRET}`, evidence_refs: [] }],
  duplicates_merged: 2,
} as unknown as AggregateBundle;
const report: VerifyReport = {
  attempt: 1,
  verdict: 'PASS',
  hallucination_rate: 0,
  claims_total: 1,
  claims_grounded: 1,
  grounding: [],
  validators: [],
  quorum: { threshold: 2, passed: 3, held: true },
  failing_lanes: [],
};
const events: RunEvent[] = [
  { mission_id: 'mi_1', at, type: 'aggregate-end', attempt: 1, bundle },
  { mission_id: 'mi_1', at, type: 'verify-end', attempt: 1, report },
];

let directory: string;
let path: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-outputs-'));
  path = join(directory, 'board.jsonl');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function writeMission(): Promise<Receipt[]> {
  const blackboard = await openBlackboard({ path });
  const listener = createBlackboardListener(blackboard, { env: {} });
  for (const event of events) await listener(event);
  await blackboard.close();
  return (await readBlackboard(path)).receipts;
}

describe('phase outputs referenced by hash (decision 0027)', () => {
  it('keeps the aggregate bundle and the Verify report beside the blackboard, redacted, and the receipts small', async () => {
    const [aggregate, verify] = await writeMission();
    const aggregateRef = outputRefOf(aggregate?.data);
    const verifyRef = outputRefOf(verify?.data);
    expect(aggregateRef?.path).toMatch(/^board\.jsonl\.outputs\/[0-9a-f]{64}\.json$/);
    expect(aggregate?.data).toMatchObject({ bundles: 0, claims: 1, duplicates_merged: 2 });
    expect(verify?.data).toMatchObject({ verdict: 'PASS', claims_total: 1, quorum: { held: true } });
    for (const ref of [aggregateRef, verifyRef]) {
      if (ref === undefined) throw new Error('no output_ref');
      const bytes = await readFile(join(directory, ref.path));
      expect(bytes.length).toBe(ref.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(ref.sha256);
    }
    const stored = (await readOutputRef(
      path,
      aggregateRef as NonNullable<typeof aggregateRef>,
    )) as AggregateBundle;
    expect(stored.claims[0]?.text).toBe('the config holds [REDACTED]');
    expect(await readOutputRef(path, verifyRef as NonNullable<typeof verifyRef>)).toEqual(report);
    const everything = `${await readFile(path, 'utf8')}${await readFile(join(directory, aggregateRef?.path ?? ''), 'utf8')}`;
    expect(everything).not.toContain(SECRET);
    const audit = await auditBlackboard(path);
    expect(audit).toMatchObject({ ok: true, receipts: 2, outputs: 2 });
    // The OK line says the outputs were checked, not only the chain.
    expect(formatAuditResult(audit)).toMatch(/hash chain intact; 2 referenced outputs present and matching$/);
  });

  it('fails the audit naming a referenced output that was changed', async () => {
    const [, verify] = await writeMission();
    const ref = outputRefOf(verify?.data);
    if (ref === undefined) throw new Error('no output_ref');
    await writeFile(join(directory, ref.path), JSON.stringify({ ...report, verdict: 'FAIL' }));
    const result = await auditBlackboard(path);
    expect(result.ok).toBe(false);
    expect(result.firstBad?.line).toBe(2);
    expect(result.firstBad?.reason).toContain(`its output ${ref.path} was changed`);
    // The dashboard does not show a changed output as the record.
    expect(await readOutputRef(path, ref)).toBeUndefined();
  });

  it('fails the audit naming a referenced output that was deleted', async () => {
    const [aggregate] = await writeMission();
    const ref = outputRefOf(aggregate?.data);
    if (ref === undefined) throw new Error('no output_ref');
    await unlink(join(directory, ref.path));
    const result = await auditBlackboard(path);
    expect(result.ok).toBe(false);
    expect(result.firstBad).toEqual({ line: 1, reason: `line 1: its output ${ref.path} is missing` });
  });

  it('still audits and reads a blackboard whose receipts carry their outputs inline', async () => {
    const blackboard = await openBlackboard({ path });
    await blackboard.append({
      mission_id: 'mi_old',
      lane_id: 'swarmlord',
      phase: 'verify',
      role: 'verify',
      summary: 'Verify PASS',
      timestamp: at,
      data: report,
    });
    await blackboard.close();
    const [receipt] = (await readBlackboard(path)).receipts;
    expect(outputRefOf(receipt?.data)).toBeUndefined();
    expect(receipt?.data).toEqual(report);
    expect((await auditBlackboard(path)).ok).toBe(true);
  });

  it('writes one file per distinct output and replaces one a crash cut short', async () => {
    const text = JSON.stringify(report);
    const first = await storeOutput(path, text, true);
    expect(await storeOutput(path, text, true)).toEqual(first);
    await writeFile(join(directory, first.path), text.slice(0, 10));
    expect(await storeOutput(path, text, true)).toEqual(first);
    expect(await readFile(join(directory, first.path), 'utf8')).toBe(text);
    expect(await readdir(join(directory, 'board.jsonl.outputs'))).toEqual([`${first.sha256}.json`]);
  });

  it('reuses a file with the same bytes untouched, and replaces one of the same length that differs', async () => {
    const text = JSON.stringify(report);
    const first = await storeOutput(path, text, true);
    const file = join(directory, first.path);
    const before = await stat(file);
    expect(await storeOutput(path, text, true)).toEqual(first);
    expect((await stat(file)).ino).toBe(before.ino);
    // Same length, one byte changed: not the output, so it is replaced whole.
    await writeFile(file, `${text.slice(0, -1)}x`);
    expect(await storeOutput(path, text, true)).toEqual(first);
    expect(await readFile(file, 'utf8')).toBe(text);
    // Longer than the output (a stray append): replaced too.
    await writeFile(file, `${text} `);
    expect(await storeOutput(path, text, true)).toEqual(first);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('makes the store folder when it is missing, first time or removed since', async () => {
    const first = await storeOutput(path, '{"a":1}', true);
    const second = await storeOutput(path, '{"b":2}', true);
    expect((await readdir(join(directory, 'board.jsonl.outputs'))).sort()).toEqual(
      [`${first.sha256}.json`, `${second.sha256}.json`].sort(),
    );
    await rm(join(directory, 'board.jsonl.outputs'), { recursive: true });
    const again = await storeOutput(path, '{"a":1}', true);
    expect(again).toEqual(first);
    expect(await readFile(join(directory, again.path), 'utf8')).toBe('{"a":1}');
  });

  it('refuses a reference that points outside the store', async () => {
    const ref = { sha256: 'a'.repeat(64), bytes: 2, path: '../etc/passwd' };
    expect(await readOutputRef(path, ref)).toBeUndefined();
  });
});
