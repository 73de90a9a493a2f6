import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MissionIntent, RunEvent } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';
import type { DurableJournal, StepRecord } from '../durable/index.js';
import { createMemoryJournal } from '../durable/index.js';
import type { ModelPort } from '../models/index.js';
import { createOfflineEngine } from '../models/index.js';
import { runMission } from './run-mission.js';

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-lane-ids-'));
  await cp(sample, join(cwd, 'workspace'), { recursive: true });
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const intent: MissionIntent = MissionIntentSchema.parse({
  mission_id: 'mi_lane_ids_0001',
  created_at: '2026-12-02T00:00:00Z',
  objective: 'Map the architecture and risks of the orders service',
  workspace: 'workspace',
});

/** A receipt store that takes its time: a phase's journal entry waits for its receipt, the next phase does not. */
const slowReceipts = async (event: RunEvent) => {
  if (event.type === 'phase-end' || event.type === 'model-call-end') {
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
};

/** The offline engine, counting the requests that reach it (a journaled answer never does). */
function countingEngine(): { model: ModelPort; asked: string[] } {
  const inner = createOfflineEngine();
  const asked: string[] = [];
  return {
    asked,
    model: {
      ...inner,
      async generate(request) {
        asked.push(`${request.scope?.lane_id ?? '?'}:${request.task}`);
        return inner.generate(request);
      },
    },
  };
}

const laneSteps = (steps: StepRecord[]) => steps.filter((record) => record.step.laneId !== 'swarmlord');

describe('lane step ids across a resume', () => {
  it('journals each phase with the call counter it ended on, not one its successor already moved', async () => {
    const journal = createMemoryJournal();
    await runMission({ intent, cwd, journal, listeners: [slowReceipts] });
    const steps = laneSteps(await journal.steps());
    const phases = steps.filter((record) => record.kind === 'phase');
    expect(phases.length).toBeGreaterThanOrEqual(8);
    for (const phase of phases) {
      const { laneId, attempt } = phase.step;
      const order = ['perceive', 'react', 'engage', 'yield'];
      const upTo = order.slice(0, order.indexOf(phase.step.phase) + 1);
      const calls = steps.filter(
        (record) =>
          record.kind === 'model-call' &&
          record.step.laneId === laneId &&
          record.step.attempt === attempt &&
          upTo.includes(record.step.phase),
      );
      const counter = (phase.value as { counter: number }).counter;
      expect(counter, phase.id).toBe(Math.max(0, ...calls.map((record) => record.step.callIndex ?? 0)));
    }
  });

  it('resumes a mission stopped after React with the same call ids, asking the model only for Engage and Yield', async () => {
    const first = createMemoryJournal();
    const firstEngine = countingEngine();
    await runMission({
      intent,
      cwd,
      journal: first,
      listeners: [slowReceipts],
      resolveModel: () => firstEngine.model,
    });
    const all = await first.steps();
    const meta = await first.readMeta();
    // The journal as a crash after every lane's React would have left it.
    const early = new Set(['perceive', 'react']);
    const crashed: DurableJournal = createMemoryJournal();
    for (const record of laneSteps(all)) {
      if (record.step.attempt === 1 && early.has(record.step.phase)) await crashed.put(record);
    }
    if (meta === undefined) throw new Error('the first run wrote no journal header');
    await crashed.writeMeta({ ...meta, status: 'running', outcome: undefined });

    const engine = countingEngine();
    await runMission({
      intent,
      cwd,
      journal: crashed,
      resume: true,
      listeners: [slowReceipts],
      resolveModel: () => engine.model,
    });
    expect(engine.asked.filter((task) => /:(observe|react)$/.test(task))).toEqual([]);
    const ids = (records: StepRecord[]) =>
      laneSteps(records)
        .filter((record) => record.kind === 'model-call')
        .map((record) => record.id)
        .sort();
    expect(ids(await crashed.steps())).toEqual(ids(all));
  });
});
