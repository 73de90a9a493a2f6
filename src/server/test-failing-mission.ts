import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openBlackboard } from '../blackboard/index.js';
import type { VerifyReport } from '../contracts/index.js';
import { hashLineRange } from '../contracts/index.js';
import { createIntent } from '../intent/index.js';

/** A GitHub token planted in the workspace (built here so no scanner takes this file for a leak). */
export const PLANTED_TOKEN = `ghp_${'Z9'.repeat(10)}plantedTokenForTests1`;

/**
 * The lines of the fixture's workspace file; line 3 is markup, to prove it is shown as text, and
 * line 4 holds a token and a script element: the dashboard must show neither the token nor markup.
 */
export const FAILING_FILE_LINES = [
  'const a = 1;',
  'export const limit = 10;',
  '<img src=x onerror="document.title=\'pwned\'">',
  `const github = '${PLANTED_TOKEN}'; // <script>document.title='pwned'</script>`,
  'const b = 2;',
];

/**
 * Writes, in `cwd`, a workspace and a real hash-chained blackboard of a mission whose Verify round
 * failed one claim: its text says 20 where the cited lines (2-4) say 10. Returns the mission id.
 */
export async function writeFailingMission(cwd: string): Promise<string> {
  await mkdir(join(cwd, 'ws'), { recursive: true });
  const text = `${FAILING_FILE_LINES.join('\n')}\n`;
  await writeFile(join(cwd, 'ws', 'limits.ts'), text);
  const intent = createIntent({ objective: 'What is the limit?', workspace: 'ws', lanes: 1 });
  const claim = {
    id: 'lane-1-a1-c1',
    lane_id: 'lane-1',
    text: 'the limit is 20 <b>bold</b>',
    evidence_refs: [
      {
        kind: 'file' as const,
        path: 'limits.ts',
        lines: [2, 4] as [number, number],
        sha256: hashLineRange(text, [2, 4]) ?? '',
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
        problems: ['the number 20 does not occur in limits.ts:2-4'],
        refs: [{ ref: 'limits.ts:2-4', outcome: 'VERIFIED' }],
        missing_tokens: ['20'],
      },
    ],
    validators: [
      {
        validator: 'immunizer',
        passed: false,
        findings: [],
        failing_lanes: ['lane-1'],
        summary: '1 of 1 claims not supported',
      },
    ],
    quorum: { threshold: 2, passed: 0, held: false },
    failing_lanes: ['lane-1'],
  };
  const blackboard = await openBlackboard({
    path: join(cwd, 'hfo_blackboard', 'obsidian_synapse_blackboard.jsonl'),
  });
  const at = new Date().toISOString();
  const base = {
    mission_id: intent.mission_id,
    lane_id: 'swarmlord',
    role: 'swarmlord',
    timestamp: at,
    attempt: 1,
  };
  try {
    await blackboard.append({
      ...base,
      phase: 'mission_start',
      summary: 'Mission started',
      data: { intent, lane_ids: ['lane-1'] },
    });
    await blackboard.append({
      ...base,
      phase: 'aggregate',
      role: 'aggregator',
      summary: 'Aggregated',
      data: { bundles: [], claims: [claim], duplicates_merged: 0 },
    });
    await blackboard.append({
      ...base,
      phase: 'verify',
      role: 'verify',
      summary: 'Verify FAIL',
      data: report,
    });
  } finally {
    await blackboard.close();
  }
  return intent.mission_id;
}
