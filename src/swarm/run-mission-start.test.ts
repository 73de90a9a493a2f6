import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';
import { runMission } from './run-mission.js';

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-start-'));
  await cp(sample, join(cwd, 'workspace'), { recursive: true });
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const intent = () =>
  MissionIntentSchema.parse({
    mission_id: 'mi_start_0001',
    created_at: '2026-12-01T00:00:00Z',
    objective: 'Map the architecture of the orders service',
    workspace: 'workspace',
    lanes: 1,
  });

describe('runMission: the start receipt, pipelined under the workspace scan', () => {
  it('is durable before the tools start and before any lane event', async () => {
    const order: string[] = [];
    let scanned = false;
    let scanEnded: () => void = () => undefined;
    const scanEnd = new Promise<void>((resolve) => {
      scanEnded = resolve;
    });
    await runMission({
      intent: intent(),
      cwd,
      listeners: [
        async (event: RunEvent) => {
          if (event.type !== 'mission-start') {
            order.push(event.type);
            return;
          }
          // A slow fsync: the scan goes on meanwhile (up to 2 s for it to end), nothing after it may start.
          await Promise.race([scanEnd, new Promise((resolve) => setTimeout(resolve, 2_000))]);
          order.push(scanned ? 'mission-start (after the scan)' : 'mission-start');
        },
      ],
      onScanProgress: (progress) => {
        if (!progress.done) return;
        scanned = true;
        scanEnded();
      },
      tools: async () => {
        order.push('tools');
        return [];
      },
      writeDigestFiles: false,
    });
    // The scan ran while the start receipt was being written (the old order had it wait).
    expect(order[0]).toBe('mission-start (after the scan)');
    expect(order[1]).toBe('tools');
    expect(order[2]).toBe('lane-start');
  });

  it('fails the mission when it cannot be written, even though the scan went on', async () => {
    let laneStarted = false;
    const run = runMission({
      intent: intent(),
      cwd,
      listeners: [
        async (event: RunEvent) => {
          if (event.type === 'lane-start') laneStarted = true;
          if (event.type === 'mission-start') {
            await new Promise((resolve) => setTimeout(resolve, 20));
            throw new Error('disk full');
          }
        },
      ],
    });
    await expect(run).rejects.toThrow('disk full');
    expect(laneStarted).toBe(false);
  });
});

describe('runMission: the workspace must be a directory', () => {
  it('refuses a missing workspace and a file, before any event', async () => {
    const events: string[] = [];
    const listeners = [(event: RunEvent) => void events.push(event.type)];
    const missing = { ...intent(), workspace: 'nowhere' };
    await expect(runMission({ intent: missing, cwd, listeners })).rejects.toMatchObject({
      code: 'WORKSPACE_NOT_FOUND',
    });
    await writeFile(join(cwd, 'a-file'), 'not a folder');
    const file = { ...intent(), workspace: 'a-file' };
    await expect(runMission({ intent: file, cwd, listeners })).rejects.toMatchObject({
      code: 'WORKSPACE_NOT_FOUND',
    });
    expect(events).toEqual([]);
  });
});
