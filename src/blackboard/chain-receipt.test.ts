import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ReceiptDraft, RunEvent } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';
import { runMission } from '../swarm/index.js';
import { BlackboardError } from './blackboard-error.js';
import { chainPrepared, prepareDraft, prepareTrustedDraft } from './chain-receipt.js';
import { hashReceipt } from './hash-receipt.js';
import { receiptDraftFromEvent } from './receipt-draft-from-event.js';
import { scannerFor } from './redact-secrets.js';

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));

describe('prepareDraft', () => {
  it('gives a trusted draft of every event of a real mission the line a validated one gets', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-chain-'));
    try {
      await cp(sample, join(cwd, 'workspace'), { recursive: true });
      const events: RunEvent[] = [];
      await runMission({
        intent: MissionIntentSchema.parse({
          mission_id: 'mi_chain_0001',
          created_at: '2026-12-01T00:00:00Z',
          objective: 'Map the architecture and risks of the orders service',
          workspace: 'workspace',
          lanes: 3,
        }),
        cwd,
        listeners: [(event) => void events.push(event)],
      });
      const drafts = events.flatMap((event) => receiptDraftFromEvent(event) ?? []);
      expect(drafts.length).toBeGreaterThan(20);
      for (const draft of drafts) {
        const checked = prepareDraft('bb.jsonl', draft);
        const trusted = prepareDraft('bb.jsonl', draft, { trusted: true });
        expect(trusted.runs).toEqual(checked.runs);
        expect(trusted.data).toEqual(checked.data);
      }
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it('still refuses a bad draft unless the caller vouches for it, and refuses non-JSON either way', () => {
    const draft = { mission_id: '', lane_id: 'l', phase: 'p', role: 'r', summary: 's', timestamp: 'now' };
    expect(() => prepareDraft('bb.jsonl', draft)).toThrow(/invalid receipt draft: mission_id/);
    const notJson = {
      ...draft,
      mission_id: 'mi',
      timestamp: '2026-12-01T00:00:00Z',
      data: { n: Number.NaN },
    };
    for (const trusted of [false, true]) {
      expect(() => prepareDraft('bb.jsonl', notJson as ReceiptDraft, { trusted })).toThrow(BlackboardError);
    }
  });

  it('chains a line whose hash is the canonical hash of the receipt it parses back to', () => {
    const timestamp = '2026-12-01T00:00:00Z';
    const drafts: ReceiptDraft[] = [
      // Keys before `prev_hash`, between it and `seq` (role, safety_envelope, …) and after (summary, timestamp).
      {
        mission_id: 'mi',
        lane_id: 'l',
        phase: 'p',
        role: 'r',
        summary: 's',
        timestamp,
        data: { b: 1, a: [2] },
      },
      {
        mission_id: 'mi',
        lane_id: 'l',
        phase: 'p',
        role: 'r',
        summary: '',
        timestamp,
        trace_id: 'a'.repeat(32),
      },
    ];
    for (const draft of drafts) {
      const { receipt, line } = chainPrepared(prepareDraft('bb.jsonl', draft), 7, 'f'.repeat(64));
      expect(line.endsWith(`,"hash":"${receipt.hash}"}\n`)).toBe(true);
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(parsed).toMatchObject({ seq: 7, prev_hash: 'f'.repeat(64) });
      expect(hashReceipt(parsed)).toBe(receipt.hash);
      // The receipt handed back is the line's receipt, field for field.
      expect(receipt).toEqual(parsed);
      // Canonical: keys sorted, `hash` last.
      const keys = Object.keys(parsed);
      expect(keys.slice(0, -1)).toEqual([...keys.slice(0, -1)].sort());
      expect(keys.at(-1)).toBe('hash');
    }
  });

  it('reuses the text of the trusted draft handed over just before, and only for that very object', () => {
    const timestamp = '2026-12-01T00:00:00Z';
    const one: ReceiptDraft = {
      mission_id: 'mi',
      lane_id: 'l',
      phase: 'p',
      role: 'r',
      summary: '1',
      timestamp,
    };
    const two: ReceiptDraft = { ...one, summary: '2' };
    const prepared = prepareTrustedDraft('bb.jsonl', one, scannerFor({}));
    // Handed over whole: the draft itself is the receipt's data, with the defaults set on it.
    expect(prepared.data).toBe(one);
    expect(one.evidence_refs).toEqual([]);
    expect(prepareDraft('bb.jsonl', one, { trusted: true })).toBe(prepared);
    // Taken once: the same object appended again is serialised afresh.
    expect(prepareDraft('bb.jsonl', one, { trusted: true })).not.toBe(prepared);
    // Another draft appended after a hand-over gets its own text, and the hand-over is gone.
    prepareTrustedDraft('bb.jsonl', one, scannerFor({}));
    expect(prepareDraft('bb.jsonl', two, { trusted: true }).runs.join()).toContain('"summary":"2"');
    expect(prepareDraft('bb.jsonl', one, { trusted: true })).not.toBe(prepared);
    // A draft appended without vouching for it is validated, whatever was handed over.
    prepareTrustedDraft('bb.jsonl', one, scannerFor({}));
    expect(() => prepareDraft('bb.jsonl', { ...one, mission_id: '' })).toThrow(/mission_id/);
  });
});
