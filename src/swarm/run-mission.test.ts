import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MissionIntent, RunEvent } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';
import type { Citation, ModelPort } from '../models/index.js';
import { createOfflineEngine } from '../models/index.js';
import { runMission } from './run-mission.js';

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-mission-'));
  await cp(sample, join(cwd, 'workspace'), { recursive: true });
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

function intentFor(overrides: Partial<MissionIntent> = {}): MissionIntent {
  return MissionIntentSchema.parse({
    mission_id: 'mi_test_0001',
    created_at: '2026-11-22T00:00:00Z',
    objective: 'Map the architecture and risks of the orders service',
    workspace: 'workspace',
    ...overrides,
  });
}

/**
 * Wraps a model so its claims cite lines no tool showed the lane (a real file, other lines) and an
 * id that was never issued: a lane that hallucinates its evidence. A model cannot forge a hash
 * any more; the ledger computes them.
 */
function forgingModel(inner: ModelPort): ModelPort {
  return {
    ...inner,
    label: inner.label,
    async generate(request) {
      const result = await inner.generate(request);
      if (request.task !== 'claims') return result;
      const object = result.object as { claims: { evidence: Citation[] }[] };
      object.claims.forEach((claim, index) => {
        claim.evidence =
          index % 2 === 0
            ? [{ path: 'src/server.ts', start_line: 9000, end_line: 9001 }]
            : [{ ref_id: 'E999' }];
      });
      return result;
    },
  };
}

describe('runMission', () => {
  it('runs the lanes in parallel, verifies and writes a digest that names its engine', async () => {
    const events: RunEvent[] = [];
    const result = await runMission({
      intent: intentFor(),
      cwd,
      listeners: [(event) => void events.push(event)],
    });
    expect(result.digest.verdict).toBe('PASS');
    expect(result.aggregate.claims.length).toBeGreaterThan(0);
    expect(result.digest.engine).toContain('offline engine');
    expect(await readFile(result.markdownPath, 'utf8')).toContain('## BLUF');
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('mission-start');
    expect(types.at(-1)).toBe('mission-end');
    expect(types.filter((type) => type === 'phase-end')).toHaveLength(8);
    // Both lanes start before either finishes its first phase: they run concurrently.
    const firstPhaseEnd = types.indexOf('phase-end');
    expect(types.slice(0, firstPhaseEnd).filter((type) => type === 'lane-start')).toHaveLength(2);
  });

  it('fails a lane that forges its evidence and re-runs only that lane', async () => {
    const offline = createOfflineEngine();
    const events: RunEvent[] = [];
    const result = await runMission({
      intent: intentFor(),
      cwd,
      listeners: [(event) => void events.push(event)],
      resolveModel: (lane, attempt) =>
        lane.id === 'lane-2' && attempt === 1 ? forgingModel(offline) : offline,
    });
    expect(result.reports[0]?.verdict).toBe('FAIL');
    expect(result.reports[0]?.failing_lanes).toEqual(['lane-2']);
    const forged = result.reports[0]?.grounding.filter((entry) => entry.lane_id === 'lane-2') ?? [];
    expect(forged.length).toBeGreaterThan(0);
    expect(forged.every((entry) => entry.status !== 'grounded')).toBe(true);
    const reruns = events.filter((event) => event.type === 'rerun-start');
    expect(reruns.map((event) => event.type === 'rerun-start' && event.lane_ids)).toEqual([['lane-2']]);
    const laneStarts = events.flatMap((event) =>
      event.type === 'lane-start' ? [`${event.lane_id}#${event.attempt}`] : [],
    );
    expect(laneStarts).toEqual(expect.arrayContaining(['lane-1#1', 'lane-2#1', 'lane-2#2']));
    expect(laneStarts).toHaveLength(3);
    expect(result.reports.at(-1)?.verdict).toBe('PASS');
    expect(result.digest.lanes.some((step) => step.lane_id === 'lane-2' && step.rerun)).toBe(true);
    // Its evidence was fine, its claims' citations were not: the re-run starts at Yield, reusing the
    // earlier Perceive, React and Engage (and the lines its tools returned), and is told only its claims.
    const rerun = result.digest.lanes.find((step) => step.lane_id === 'lane-2' && step.attempt === 2);
    expect(rerun?.phases).toEqual(['yield']);
    const rerunEvent = events.find((event) => event.type === 'rerun-start');
    expect(
      rerunEvent?.type === 'rerun-start' && rerunEvent.feedback.every((line) => line.startsWith('lane-2')),
    ).toBe(true);
  });

  it('narrows the scope of a lane that keeps failing', async () => {
    const offline = createOfflineEngine();
    const result = await runMission({
      intent: intentFor({ lanes: 1 }),
      cwd,
      resolveModel: (_lane, attempt) => (attempt < 3 ? forgingModel(offline) : offline),
    });
    const [first, , third] = result.reports;
    expect(first?.verdict).toBe('FAIL');
    expect(result.digest.lanes.map((step) => step.attempt)).toEqual([1, 2, 3]);
    const firstCount = first?.claims_total ?? 0;
    expect(firstCount).toBeGreaterThan(1);
    expect(third?.claims_total).toBeLessThanOrEqual(Math.ceil(firstCount / 2));
    expect(result.aggregate.bundles[0]?.summary).toMatch(/scope narrowed to \d+ of \d+ claims/);
  });

  it('returns a partial digest when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('interrupted'));
    const result = await runMission({ intent: intentFor(), cwd, signal: controller.signal });
    expect(result.digest.partial).toBe(true);
    expect(result.digest.verdict).toBe('FAIL');
    expect(result.digest.blockers.join('\n')).toContain('interrupted');
  });

  it('returns a partial digest when aborted while its tools are made (a git call cut short)', async () => {
    // The CLI's tools ask git whether the workspace is a work tree; Ctrl-C during that call
    // rejects it with the abort reason, which must end the run as any other interrupt does.
    const controller = new AbortController();
    const result = await runMission({
      intent: intentFor(),
      cwd,
      signal: controller.signal,
      tools: async () => {
        controller.abort(new Error('interrupted by the user'));
        throw controller.signal.reason;
      },
    });
    expect(result.digest.partial).toBe(true);
    expect(result.digest.verdict).toBe('FAIL');
    expect(result.digest.blockers.join('\n')).toContain('interrupted by the user');
  });

  it('still fails a run whose tools cannot be made for any other reason', async () => {
    await expect(
      runMission({
        intent: intentFor(),
        cwd,
        tools: async () => {
          throw new Error('workspace cannot be opened');
        },
      }),
    ).rejects.toThrow('workspace cannot be opened');
  });

  it('counts every model call and ends PARTIAL, naming the budget, when max_tokens is reached', async () => {
    const events: RunEvent[] = [];
    const result = await runMission({
      intent: intentFor({ budget: { max_tokens: 300 } }),
      cwd,
      listeners: [(event) => void events.push(event)],
    });
    const calls = events.filter((event) => event.type === 'model-call-end');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.length).toBeLessThan(8);
    expect(result.digest.partial).toBe(true);
    expect(result.digest.partial_reason).toMatch(
      /^budget\.max_tokens reached \([\d,]+ of 300 tokens used\)$/,
    );
    expect(result.digest.blockers.join('\n')).toContain('budget.max_tokens');
    expect(result.digest.usage?.calls).toBe(
      calls.filter((event) => !('error' in event && event.error)).length,
    );
    expect(events.some((event) => event.type === 'budget-exhausted')).toBe(true);
    expect(events.filter((event) => event.type === 'rerun-start')).toHaveLength(0);
  });

  it('records usage per lane in the digest', async () => {
    const result = await runMission({ intent: intentFor(), cwd });
    const usage = result.digest.usage;
    expect(usage?.calls).toBe(8);
    expect(Object.keys(usage?.by_lane ?? {}).sort()).toEqual(['lane-1', 'lane-2']);
    expect(usage?.input_tokens).toBeGreaterThan(0);
    expect(usage?.unpriced_calls).toBe(8);
  });

  it('builds the digest without writing its files when the caller says so', async () => {
    const events: RunEvent[] = [];
    const result = await runMission({
      intent: intentFor(),
      cwd,
      writeDigestFiles: false,
      listeners: [(event) => void events.push(event)],
    });
    expect(result.digest.verdict).toBe('PASS');
    expect(result.markdownPath).toBe('');
    expect(events.some((event) => event.type === 'digest-write')).toBe(false);
    expect(events.at(-1)?.type).toBe('mission-end');
    await expect(readdir(join(cwd, 'hfo_digests'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a workspace that does not exist', async () => {
    await expect(runMission({ intent: intentFor({ workspace: 'nope' }), cwd })).rejects.toThrow(
      /does not exist/,
    );
  });
});
