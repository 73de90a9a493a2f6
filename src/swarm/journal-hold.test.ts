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
import { createFakeModel } from '../models/index.js';
import { runMission } from './run-mission.js';

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-journal-hold-'));
  await cp(sample, join(cwd, 'workspace'), { recursive: true });
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const intent: MissionIntent = MissionIntentSchema.parse({
  mission_id: 'mi_journal_hold_0001',
  created_at: '2026-12-02T00:00:00Z',
  objective: 'Map the architecture and risks of the orders service',
  workspace: 'workspace',
  lanes: 1,
});

/** A journal whose model-call entries take `ms` to become durable (or fail), logging when each settles. */
function slowCallJournal(ms: number, log: string[], failOn?: string): DurableJournal {
  const inner = createMemoryJournal();
  return {
    ...inner,
    async put(record) {
      if (record.kind !== 'model-call' || record.step.laneId === 'swarmlord') return inner.put(record);
      await new Promise((resolve) => setTimeout(resolve, ms));
      if (record.step.phase === failOn) throw new Error('journal full');
      const stored = await inner.put(record);
      log.push(`durable:${record.step.phase}`);
      return stored;
    },
  };
}

/** A fake model that logs every request it is asked (per phase task). */
function askingModel(log: string[]): ModelPort {
  const inner = createFakeModel({ latencyMs: 1 });
  return {
    ...inner,
    async generate(request) {
      log.push(`ask:${request.task}`);
      return inner.generate(request);
    },
  };
}

const laneCalls = (records: StepRecord[]) =>
  records.filter((record) => record.kind === 'model-call' && record.step.laneId !== 'swarmlord');

describe('a lane model call journaled under the next call (decision 0064)', () => {
  it("asks the next phase's model before the last answer's entry is durable, and every entry lands before the lane counts", async () => {
    const log: string[] = [];
    const journal = slowCallJournal(250, log);
    const ends: RunEvent[] = [];
    await runMission({
      intent,
      cwd,
      journal,
      writeDigestFiles: false,
      resolveModel: () => askingModel(log),
      listeners: [(event) => void (event.type === 'lane-end' ? ends.push(event) : undefined)],
    });
    // React is asked while Perceive's answer is still being journaled (it takes 250 ms).
    expect(log.indexOf('ask:react')).toBeGreaterThan(-1);
    expect(log.indexOf('ask:react')).toBeLessThan(log.indexOf('durable:perceive'));
    expect(ends).toMatchObject([{ status: 'done' }]);
    // Every lane call is journaled, and before the lane ended (lane-end follows the held writes).
    expect(
      laneCalls(await journal.steps())
        .map((record) => record.step.phase)
        .sort(),
    ).toEqual(['engage', 'perceive', 'react', 'yield']);
    expect(log.filter((entry) => entry.startsWith('durable:'))).toHaveLength(4);
  });

  it('fails the lane when a held entry cannot be written: no later phase of that attempt counts', async () => {
    const log: string[] = [];
    const journal = slowCallJournal(5, log, 'perceive');
    const events: RunEvent[] = [];
    const result = await runMission({
      intent,
      cwd,
      journal,
      writeDigestFiles: false,
      resolveModel: () => askingModel(log),
      listeners: [(event) => void events.push(event)],
    });
    const ends = events.filter((event) => event.type === 'lane-end');
    expect(ends.length).toBeGreaterThan(0);
    for (const end of ends) expect(end).toMatchObject({ status: 'failed', error: 'journal full' });
    // A phase counts only once the call before it is durable: none past Perceive was accepted.
    const phases = events.flatMap((event) => (event.type === 'phase-end' ? [event.phase] : []));
    expect(phases.filter((phase) => phase !== 'perceive')).toEqual([]);
    expect(result.digest.blockers.join('\n')).toContain('journal full');
  });
});
