import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../contracts/index.js';
import type { auditBlackboard as AuditBlackboard } from './audit-blackboard.js';
import { auditBlackboard } from './audit-blackboard.js';
import { canonicalJson } from './canonical-json.js';
import { hashReceipt } from './hash-receipt.js';

// The worker threads run the built modules: this checks the built audit against these sources.
const built = new URL('../../dist/blackboard/audit-blackboard.js', import.meta.url).href;
let auditBuilt: typeof AuditBlackboard;
let directory: string;
const COUNT = 12_000;
let lines: string[];
let renumbered: string[];

/** A valid chain, except that from line `skipAt` on every seq is one too high (each line hashed and linked right). */
function chainOf(skipAt = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  let prev = GENESIS_HASH;
  for (let index = 0; index < COUNT; index += 1) {
    const seq = index >= skipAt ? index + 1 : index;
    const body = {
      blocked_capabilities: [],
      data: { rationale: `case ${seq} `.repeat(20) },
      evidence_refs: [],
      lane_id: 'lane-1',
      mission_id: `mi_${Math.floor(seq / 40)}`,
      phase: 'react',
      prev_hash: prev,
      role: 'bridger',
      safety_envelope: {},
      seq,
      summary: `step ${seq}`,
      timestamp: '2026-01-01T00:00:00Z',
    };
    prev = hashReceipt(body);
    out.push(`${canonicalJson(body).slice(0, -1)},"hash":${JSON.stringify(prev)}}`);
  }
  return out;
}

beforeAll(async () => {
  auditBuilt = ((await import(built)) as { auditBlackboard: typeof AuditBlackboard }).auditBlackboard;
  directory = await mkdtemp(join(tmpdir(), 'swarmlord-audit-workers-'));
  lines = chainOf();
  renumbered = chainOf(6_000);
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('audit on worker threads', () => {
  it('gives the verdicts of the line-by-line audit: intact, edited, deleted, not JSON, torn', async () => {
    const cases: Record<string, string> = {
      intact: lines.map((line) => `${line}\n`).join(''),
      edited: lines
        .map((line, index) => `${index === 9_000 ? line.replace('step', 'stop') : line}\n`)
        .join(''),
      deleted: lines
        .filter((_, index) => index !== 5_000)
        .map((line) => `${line}\n`)
        .join(''),
      notJson: lines.map((line, index) => `${index === 7_000 ? '{oops' : line}\n`).join(''),
      torn: `${lines.map((line) => `${line}\n`).join('')}{"seq":`,
      // Linked and hashed right, but a seq is skipped: inside a chunk or at its first line.
      renumbered: renumbered.map((line) => `${line}\n`).join(''),
      renumberedFromStart: chainOf(0)
        .map((line) => `${line}\n`)
        .join(''),
    };
    for (const [name, text] of Object.entries(cases)) {
      const path = join(directory, `${name}.jsonl`);
      await writeFile(path, text);
      const expected = await auditBlackboard(path, { parallelFromBytes: Number.POSITIVE_INFINITY });
      expect({ name, result: await auditBuilt(path, { parallelFromBytes: 0 }) }).toEqual({
        name,
        result: expected,
      });
    }
  }, 60_000);
});
