import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';
import type { ModelPort } from '../models/index.js';
import { createOfflineEngine } from '../models/index.js';
import { createLaneLimit } from './lane-limit.js';
import { runMission } from './run-mission.js';

async function peakOf(limit: number | undefined, tasks: number): Promise<{ peak: number; order: number[] }> {
  const run = createLaneLimit(limit);
  let inFlight = 0;
  let peak = 0;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: tasks }, (_, index) =>
      run(async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        order.push(index);
        await new Promise((resolveWait) => setTimeout(resolveWait, 5 + ((index * 7) % 11)));
        inFlight -= 1;
      }),
    ),
  );
  return { peak, order };
}

describe('createLaneLimit', () => {
  it('keeps at most the limit in flight and starts the others in call order', async () => {
    const limited = await peakOf(2, 6);
    expect(limited.peak).toBe(2);
    expect(limited.order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('without a limit runs everything at once', async () => {
    expect((await peakOf(undefined, 6)).peak).toBe(6);
  });

  it('passes results and failures through and frees the slot after a failure', async () => {
    const run = createLaneLimit(1);
    const failed = run(async () => {
      throw new Error('lane broke');
    });
    const next = run(async () => 'second');
    await expect(failed).rejects.toThrow('lane broke');
    await expect(next).resolves.toBe('second');
  });

  it('refuses a limit that is not a whole number ≥ 1', () => {
    expect(() => createLaneLimit(0)).toThrow('lane_concurrency must be a whole number ≥ 1, got 0');
  });
});

describe('runMission with lane_concurrency', () => {
  const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
  let cwd: string;
  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'swarmlord-lane-limit-'));
    await cp(sample, join(cwd, 'workspace'), { recursive: true });
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  /** Most lanes between their lane-start and lane-end at any point of the run's events, and the peak of lanes with a model call in flight. */
  async function peaks(laneConcurrency: number | undefined): Promise<{ events: number; calls: number }> {
    const offline = createOfflineEngine();
    const calling = new Map<string, number>();
    let callPeak = 0;
    const slow: ModelPort = {
      ...offline,
      label: offline.label,
      async generate(request) {
        const lane = request.scope?.lane_id ?? '?';
        calling.set(lane, (calling.get(lane) ?? 0) + 1);
        callPeak = Math.max(callPeak, [...calling.values()].filter((count) => count > 0).length);
        try {
          await new Promise((resolveWait) => setTimeout(resolveWait, 10));
          return await offline.generate(request);
        } finally {
          calling.set(lane, (calling.get(lane) ?? 1) - 1);
        }
      },
    };
    let inFlight = 0;
    let eventPeak = 0;
    const result = await runMission({
      intent: MissionIntentSchema.parse({
        mission_id: 'mi_test_limit',
        created_at: '2026-11-22T00:00:00Z',
        objective: 'Map the architecture and risks of the orders service',
        workspace: 'workspace',
        lanes: 6,
        ...(laneConcurrency === undefined ? {} : { lane_concurrency: laneConcurrency }),
      }),
      cwd,
      resolveModel: () => slow,
      listeners: [
        (event: RunEvent) => {
          if (event.type === 'lane-start') eventPeak = Math.max(eventPeak, ++inFlight);
          if (event.type === 'lane-end') inFlight -= 1;
        },
      ],
    });
    expect(result.digest.verdict).toBeDefined();
    expect(inFlight).toBe(0);
    return { events: eventPeak, calls: callPeak };
  }

  it('never has more than 2 of 6 lanes in flight with lane_concurrency 2', async () => {
    expect(await peaks(2)).toEqual({ events: 2, calls: 2 });
  });

  it('runs all 6 lanes at once without it (the limit is what holds them back)', async () => {
    expect(await peaks(undefined)).toEqual({ events: 6, calls: 6 });
  });
});
