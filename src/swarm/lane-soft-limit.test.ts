import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';
import { createFakeModel } from '../models/index.js';
import { runMission } from './run-mission.js';

describe('a lane past its soft limit (prey_cycle_soft_minutes)', () => {
  it('skips React and Engage and still yields its claims', async () => {
    const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-soft-limit-'));
    try {
      await cp(sample, join(cwd, 'workspace'), { recursive: true });
      const seen: RunEvent[] = [];
      await runMission({
        intent: MissionIntentSchema.parse({
          mission_id: 'mi_soft_limit_0001',
          created_at: '2026-12-01T00:00:00Z',
          objective: 'Map the architecture and risks of the orders service',
          workspace: 'workspace',
          lanes: 1,
          // 30 ms: the limit passes while Perceive's call (60 ms) is in flight.
          timeouts: { prey_cycle_soft_minutes: 0.0005 },
        }),
        cwd,
        resolveModel: () => createFakeModel({ latencyMs: 60 }),
        writeDigestFiles: false,
        listeners: [(event) => void seen.push(event)],
      });
      const firstAttempt = seen.filter((event) => 'attempt' in event && event.attempt === 1);
      const phases = firstAttempt.flatMap((event) => (event.type === 'phase-end' ? [event.phase] : []));
      expect(phases).toEqual(['perceive', 'yield']);
      const yielded = firstAttempt.find((event) => event.type === 'phase-end' && event.phase === 'yield');
      expect(yielded).toBeDefined();
      expect(firstAttempt.find((event) => event.type === 'lane-end')).toMatchObject({ status: 'done' });
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
