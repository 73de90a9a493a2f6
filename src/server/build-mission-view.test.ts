import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../blackboard/index.js';
import { storeOutput } from '../blackboard/phase-output-store.js';
import type { Receipt, VerifyReport } from '../contracts/index.js';
import { hashLineRange } from '../contracts/index.js';
import { createIntent } from '../intent/index.js';
import { buildMissionView } from './build-mission-view.js';

const directories: string[] = [];

afterEach(async () => {
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

function receipt(seq: number, phase: string, data: unknown, attempt = 1): Receipt {
  return {
    mission_id: 'mi_2026-12-01_abcdef',
    lane_id: 'swarmlord',
    phase,
    role: 'swarmlord',
    summary: phase,
    evidence_refs: [],
    safety_envelope: {},
    blocked_capabilities: [],
    timestamp: '2026-12-01T10:00:00.000Z',
    attempt,
    data,
    seq,
    prev_hash: '0'.repeat(64),
    hash: '1'.repeat(64),
  };
}

/** A workspace with one file and a Verify round that finds a claim about it unsupported. */
async function failingRound(cwd: string) {
  const lines = ['const a = 1;', 'export const limit = 10;', '<script>alert(1)</script>', 'const b = 2;'];
  await writeFile(join(cwd, 'a.ts'), `${lines.join('\n')}\n`);
  const intent = createIntent({ objective: 'What is the limit?', workspace: '.' });
  const claim = {
    id: 'lane-1-a1-c1',
    lane_id: 'lane-1',
    text: 'the limit is 20',
    evidence_refs: [
      {
        kind: 'file' as const,
        path: 'a.ts',
        lines: [2, 3] as [number, number],
        sha256: hashLineRange(`${lines.join('\n')}\n`, [2, 3]) ?? '',
      },
    ],
  };
  const report: VerifyReport = {
    attempt: 1,
    verdict: 'FAIL',
    hallucination_rate: 1,
    claims_total: 1,
    claims_grounded: 0,
    grounding: [
      {
        claim_id: claim.id,
        lane_id: 'lane-1',
        status: 'unsupported',
        problems: ['the cited lines do not contain 20'],
        refs: [{ ref: 'a.ts:2-3', outcome: 'VERIFIED' }],
        missing_tokens: ['20'],
      },
    ],
    validators: [],
    quorum: { threshold: 2, passed: 0, held: false },
    failing_lanes: ['lane-1'],
  };
  return { lines, intent, claim, report };
}

describe('buildMissionView', () => {
  it('shows a failing claim with why it failed and the lines it cites, from the workspace; markup stays text', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-view-'));
    directories.push(cwd);
    const { lines, intent, claim, report } = await failingRound(cwd);
    const view = await buildMissionView({
      cwd,
      missionId: 'mi_2026-12-01_abcdef',
      receipts: [
        receipt(0, 'mission_start', { intent, lane_ids: ['lane-1'] }),
        receipt(1, 'aggregate', { bundles: [], claims: [claim], duplicates_merged: 0 }),
        receipt(2, 'verify', report),
      ],
    });
    expect(view.lane_ids).toEqual(['lane-1']);
    const shown = view.verify_rounds[0]?.claims[0];
    expect(shown).toMatchObject({ text: 'the limit is 20', status: 'unsupported', missing_tokens: ['20'] });
    expect(shown?.problems).toEqual(['the cited lines do not contain 20']);
    expect(shown?.refs[0]?.outcome).toBe('VERIFIED');
    const excerpt = shown?.refs[0]?.evidence?.excerpt ?? [];
    expect(excerpt.filter((line) => line.cited).map((line) => line.text)).toEqual([lines[1], lines[2]]);
    expect(excerpt.map((line) => line.number)).toEqual([1, 2, 3, 4]);
  });

  it('reads the bundle and the report through their output references, and not a changed one (decision 0027)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-view-'));
    directories.push(cwd);
    const { intent, claim, report } = await failingRound(cwd);
    const blackboardPath = join(cwd, 'board.jsonl');
    const bundleRef = await storeOutput(
      blackboardPath,
      canonicalJson({ bundles: [], claims: [claim], duplicates_merged: 0 }),
      false,
    );
    const reportRef = await storeOutput(blackboardPath, canonicalJson(report), false);
    const receipts = [
      receipt(0, 'mission_start', { intent, lane_ids: ['lane-1'] }),
      receipt(1, 'aggregate', { claims: 1, bundles: 0, duplicates_merged: 0, output_ref: bundleRef }),
      receipt(2, 'verify', { verdict: 'FAIL', output_ref: reportRef }),
    ];
    const view = await buildMissionView({ cwd, missionId: 'mi_2026-12-01_abcdef', receipts, blackboardPath });
    expect(view.verify_rounds[0]?.claims[0]).toMatchObject({
      text: 'the limit is 20',
      status: 'unsupported',
    });
    await writeFile(join(cwd, reportRef.path), canonicalJson({ ...report, verdict: 'PASS' }));
    const changed = await buildMissionView({
      cwd,
      missionId: 'mi_2026-12-01_abcdef',
      receipts,
      blackboardPath,
    });
    expect(changed.verify_rounds).toEqual([]);
  });

  it('refuses to read evidence outside the workspace', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-view-'));
    directories.push(cwd);
    const intent = createIntent({ objective: 'x', workspace: '.' });
    const claim = {
      id: 'c1',
      lane_id: 'lane-1',
      text: 'secret',
      evidence_refs: [
        {
          kind: 'file' as const,
          path: '../../etc/passwd',
          lines: [1, 1] as [number, number],
          sha256: '0'.repeat(64),
        },
      ],
    };
    const view = await buildMissionView({
      cwd,
      missionId: 'mi_2026-12-01_abcdef',
      receipts: [
        receipt(0, 'mission_start', { intent, lane_ids: ['lane-1'] }),
        receipt(1, 'aggregate', { bundles: [], claims: [claim], duplicates_merged: 0 }),
        receipt(2, 'verify', {
          attempt: 1,
          verdict: 'FAIL',
          hallucination_rate: 1,
          claims_total: 1,
          claims_grounded: 0,
          grounding: [
            { claim_id: 'c1', lane_id: 'lane-1', status: 'unresolved', problems: ['PATH_INVALID'] },
          ],
          validators: [],
          quorum: { threshold: 2, passed: 0, held: false },
          failing_lanes: ['lane-1'],
        }),
      ],
    });
    const evidence = view.verify_rounds[0]?.claims[0]?.refs[0]?.evidence;
    expect(evidence?.problem).toBe('outside the workspace');
    expect(evidence?.excerpt).toBeUndefined();
  });
});
