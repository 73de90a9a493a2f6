import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditBlackboard } from './audit-blackboard.js';
import { canonicalJson } from './canonical-json.js';
import { formatAuditResult } from './format-audit-result.js';
import { hashReceipt } from './hash-receipt.js';
import { openBlackboard } from './open-blackboard.js';

const COUNT = 10;
let directory: string;
let pristine: string[];
let attempt = 0;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-audit-'));
  const blackboard = await openBlackboard({ path: join(directory, 'pristine.jsonl'), durable: false });
  for (let index = 0; index < COUNT; index += 1) {
    await blackboard.append({
      mission_id: index < 5 ? 'mi_1' : 'mi_2',
      lane_id: `lane-${index % 3}`,
      phase: 'engage',
      role: 'shaper',
      summary: `step ${index}`,
      timestamp: '2025-10-30T10:00:00Z',
      data: { index },
    });
  }
  await blackboard.close();
  pristine = (await readFile(join(directory, 'pristine.jsonl'), 'utf8')).trimEnd().split('\n');
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Audits the given lines written as a fresh file. */
async function auditLines(lines: readonly string[]) {
  attempt += 1;
  const path = join(directory, `case-${attempt}.jsonl`);
  await writeFile(path, lines.map((line) => `${line}\n`).join(''));
  return auditBlackboard(path);
}

function at(index: number): string {
  const line = pristine[index];
  if (line === undefined) throw new Error(`no line ${index}`);
  return line;
}

function edited(index: number, field: string, value: unknown): string {
  return JSON.stringify({ ...JSON.parse(at(index)), [field]: value });
}

describe('auditBlackboard', () => {
  it('passes an untouched blackboard', async () => {
    const result = await auditLines(pristine);
    expect(result).toMatchObject({ ok: true, receipts: COUNT, missions: 2, setAside: [] });
    expect(result.firstBad).toBeUndefined();
    expect(formatAuditResult(result)).toMatch(/^OK .*: 10 receipts from 2 missions; hash chain intact$/);
  });

  it('names an edited line (fields changed and re-serialised)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: COUNT - 1 }), async (k) => {
        const lines = [...pristine];
        lines[k] = edited(k, 'summary', 'rewritten by hand');
        const result = await auditLines(lines);
        expect(result.ok).toBe(false);
        expect(result.firstBad).toEqual({
          line: k + 1,
          reason: `line ${k + 1}: hash mismatch (content was edited)`,
        });
      }),
      { numRuns: 12 },
    );
    const withExtraField = await auditLines(
      pristine.map((line, index) => (index === 3 ? edited(3, 'x', 1) : line)),
    );
    expect(withExtraField.firstBad?.line).toBe(4);
  });

  it('names the first line after a deleted line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: COUNT - 2 }), async (k) => {
        const result = await auditLines(pristine.filter((_, index) => index !== k));
        expect(result.firstBad?.line).toBe(k + 1);
        expect(result.firstBad?.reason).toContain('prev_hash does not match');
        expect(result.firstBad?.reason).toContain(`seq ${k + 1}, expected ${k}`);
      }),
      { numRuns: 12 },
    );
  });

  it('names an inserted copy of an earlier line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: COUNT - 1 }),
        fc.integer({ min: 0, max: COUNT }),
        async (j, k) => {
          fc.pre(j < k);
          const lines = [...pristine.slice(0, k), at(j), ...pristine.slice(k)];
          const result = await auditLines(lines);
          expect(result.ok).toBe(false);
          expect(result.firstBad?.line).toBe(k + 1);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('names the first of two swapped lines', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: COUNT - 1 }),
        fc.integer({ min: 0, max: COUNT - 1 }),
        async (a, b) => {
          fc.pre(a < b);
          const lines = [...pristine];
          lines[a] = at(b);
          lines[b] = at(a);
          const result = await auditLines(lines);
          expect(result.firstBad?.line).toBe(a + 1);
          expect(result.firstBad?.reason).toMatch(/prev_hash does not match (line \d+|the genesis hash)/);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('names a wrong seq even when the line was re-hashed to hide it', async () => {
    const forged = JSON.parse(at(4)) as Record<string, unknown>;
    forged.seq = 9;
    const { hash: _old, ...body } = forged;
    const line = `${canonicalJson(body).slice(0, -1)},"hash":"${hashReceipt(body)}"}`;
    const result = await auditLines([...pristine.slice(0, 4), line, ...pristine.slice(5)]);
    expect(result.firstBad).toEqual({ line: 5, reason: 'line 5: seq 9, expected 4' });
  });

  it('names a line that is not JSON or not a receipt', async () => {
    const notJson = await auditLines([at(0), '{oops', at(2), at(3)]);
    expect(notJson.firstBad).toEqual({ line: 2, reason: 'line 2: not valid JSON' });
    const notReceipt = await auditLines([at(0), edited(1, 'seq', -1)]);
    expect(notReceipt.firstBad?.reason).toMatch(/^line 2: not a receipt \(seq: /);
    expect(formatAuditResult(notReceipt)).toContain('FAIL');
  });

  it('fails clearly when there is no file', async () => {
    await expect(auditBlackboard(join(directory, 'missing.jsonl'))).rejects.toMatchObject({
      code: 'BLACKBOARD_NOT_FOUND',
    });
  });

  it('names bytes edited so the line parses to the same JSON (duplicate keys, whitespace)', async () => {
    const duplicate = at(3).replace('{', '{"summary":"hidden",');
    expect(
      (await auditLines([...pristine.slice(0, 3), duplicate, ...pristine.slice(4)])).firstBad?.reason,
    ).toMatch(/^line 4: not the canonical form/);
    const spaced = at(2).replace('","', '", "');
    expect(
      (await auditLines([...pristine.slice(0, 2), spaced, ...pristine.slice(3)])).firstBad?.reason,
    ).toMatch(/^line 3: not the canonical form/);
  });

  it('fails an emptied file and a file of non-receipt JSON', async () => {
    const empty = await auditLines([]);
    expect(empty).toMatchObject({ ok: false, firstBad: { line: 0 } });
    expect(empty.firstBad?.reason).toContain('empty');
    expect(await auditLines(['{"a":1}'])).toMatchObject({ ok: false });
  });
});

describe('auditBlackboard on bytes', () => {
  it('fails a line whose bytes are not UTF-8, even when they decode to the text the hash covers', async () => {
    const body = JSON.parse(at(0)) as Record<string, unknown>;
    body.summary = 'bad \ufffd byte';
    const { hash: _old, ...rest } = body;
    const line = `${canonicalJson(rest).slice(0, -1)},"hash":"${hashReceipt(rest)}"}`;
    const bytes = Buffer.from(`${line}\n`);
    const mark = bytes.indexOf(Buffer.from('\ufffd'));
    const path = join(directory, 'not-utf8.jsonl');
    await writeFile(
      path,
      Buffer.concat([bytes.subarray(0, mark), Buffer.from([0xff]), bytes.subarray(mark + 3)]),
    );
    expect(await auditBlackboard(path)).toMatchObject({
      ok: false,
      receipts: 1,
      firstBad: {
        line: 1,
        reason:
          'line 1: bytes that are not UTF-8 (receipts are written as UTF-8: the bytes were edited or damaged)',
      },
    });
    // The same receipt written as the writer writes it (U+FFFD as UTF-8) is intact.
    await writeFile(path, bytes);
    expect(await auditBlackboard(path)).toMatchObject({ ok: true, receipts: 1 });
    const edited = Buffer.from(`${line.replace('bad', 'bae')}\n`);
    await writeFile(path, edited);
    expect((await auditBlackboard(path)).firstBad?.reason).toBe('line 1: hash mismatch (content was edited)');
  });
});
