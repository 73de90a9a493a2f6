import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';
import type { ModelPort } from '../models/index.js';
import { createFakeModel } from '../models/index.js';
import { runMission } from './run-mission.js';

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-speculative-'));
  await cp(sample, join(cwd, 'workspace'), { recursive: true });
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const intent = (lanes: number) =>
  MissionIntentSchema.parse({
    mission_id: 'mi_speculative_0001',
    created_at: '2026-12-02T00:00:00Z',
    objective: 'Map the architecture and risks of the orders service',
    workspace: 'workspace',
    lanes,
  });

/** Three judges that log when they are asked. */
function loggedJudges(log: string[]): Record<string, ModelPort & { readonly calls: number }> {
  return Object.fromEntries(
    ['immunizer', 'disruptor', 'verifier_aux'].map((name) => {
      const model = createFakeModel({ latencyMs: 5, modelId: `judge-${name}` });
      return [
        name,
        {
          ...model,
          get calls() {
            return model.calls;
          },
          generate(request: Parameters<typeof model.generate>[0]) {
            log.push(`judge ${name}`);
            return model.generate(request);
          },
        } as typeof model,
      ];
    }),
  );
}

/** Decision 0060: the round starts under the last lanes' final receipts. */
describe('the Verify round under the lanes’ last receipts', () => {
  it('asks the judges while the last receipt is written, and emits nothing of the round before the lanes end', async () => {
    const log: string[] = [];
    const result = await runMission({
      intent: intent(1),
      cwd,
      writeDigestFiles: false,
      judges: loggedJudges(log),
      resolveModel: () => createFakeModel({ latencyMs: 5 }),
      listeners: [
        async (event: RunEvent) => {
          log.push(event.type + (event.type === 'phase-end' ? ` ${event.phase}` : ''));
          // A slow durable write of the lane's last receipt, as an fsync on a busy disk.
          if (event.type === 'phase-end' && event.phase === 'yield') {
            await sleep(250);
            log.push('written yield');
          }
        },
      ],
    });
    expect(result.digest.verdict).toBe('PASS');
    const judged = log.indexOf('judge immunizer');
    expect(judged).toBeGreaterThan(-1);
    expect(judged).toBeLessThan(log.indexOf('written yield'));
    expect(log.indexOf('lane-end')).toBeLessThan(log.indexOf('aggregate-end'));
    expect(log.filter((entry) => entry === 'aggregate-end')).toHaveLength(1);
  });

  it('runs the round again without a lane whose last receipt failed after it yielded', async () => {
    const log: string[] = [];
    const aggregated: string[][] = [];
    const judges = loggedJudges(log);
    const result = await runMission({
      intent: intent(2),
      cwd,
      writeDigestFiles: false,
      judges,
      resolveModel: () => createFakeModel({ latencyMs: 5 }),
      listeners: [
        async (event: RunEvent) => {
          if (event.type === 'aggregate-end')
            aggregated.push(event.bundle.bundles.map((bundle) => bundle.lane_id));
          if (event.type === 'model-call-end' && event.lane_id === 'swarmlord') log.push('judge receipt');
          if (event.type === 'lane-end') log.push(`lane-end ${event.lane_id} ${event.status}`);
          if (event.type === 'phase-end' && event.phase === 'yield' && event.lane_id === 'lane-2') {
            await sleep(250);
            if (event.attempt === 1) throw new Error('disk full');
          }
        },
      ],
    });
    expect(result.digest.blockers.join('\n')).toContain('lane-2 attempt 1 did not finish: disk full');
    // The early round was started (its judges asked) while lane-2's last receipt was being written …
    expect(log.indexOf('judge immunizer')).toBeLessThan(log.indexOf('lane-end lane-2 failed'));
    // … and refused: the first round written is the one of the real results, without lane-2.
    expect(aggregated[0]).toEqual(['lane-1']);
    expect(aggregated).toHaveLength(result.reports.length);
    // The early round's judge calls were made but nothing of them was counted or written.
    const asked = Object.values(judges).reduce((sum, judge) => sum + judge.calls, 0);
    const written = log.filter((entry) => entry === 'judge receipt').length;
    expect(written).toBe(3 * result.reports.length);
    expect(asked).toBe(written + 3);
  });
});
