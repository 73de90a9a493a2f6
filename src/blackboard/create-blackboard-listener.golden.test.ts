import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../contracts/index.js';
import { createBlackboardListener } from './create-blackboard-listener.js';
import { openBlackboard } from './open-blackboard.js';

const golden = (name: string) => fileURLToPath(new URL(`./golden/${name}`, import.meta.url));

/**
 * The run events of a 3-lane mission (fixed clock and durations; recorded once from `runMission`),
 * written through the listener as a mission writes them: the lanes' events in bursts that group
 * commit batches together, the aggregate and Verify receipts (which store their output) alone.
 * The blackboard's bytes must stay exactly those recorded: a change to drafting, redaction,
 * canonical JSON, chaining or batching that alters one byte of one line fails here.
 */
async function writeGoldenMission(env: NodeJS.ProcessEnv): Promise<{ lines: string; outputs: string[] }> {
  const events = JSON.parse(await readFile(golden('mission-events.json'), 'utf8')) as RunEvent[];
  const dir = await mkdtemp(join(tmpdir(), 'swarmlord-golden-'));
  try {
    const path = join(dir, 'blackboard.jsonl');
    const blackboard = await openBlackboard({ path });
    const listener = createBlackboardListener(blackboard, {
      safetyEnvelope: { workspace_write: false, network: false },
      blockedCapabilities: ['workspace_write'],
      env,
      traceId: '0af7651916cd43dd8448eb211c80319c',
    });
    let burst: Promise<void>[] = [];
    for (const event of events) {
      const alone = event.type === 'aggregate-end' || event.type === 'verify-end';
      if (alone || burst.length === 8) {
        await Promise.all(burst);
        burst = [];
      }
      const written = Promise.resolve(listener(event));
      if (alone) await written;
      else burst.push(written);
    }
    await Promise.all(burst);
    await blackboard.close();
    const lines = await readFile(path, 'utf8');
    const outputs: string[] = [];
    for (const match of lines.matchAll(/"output_ref":\{[^}]*"path":"([^"]+)"/g)) {
      outputs.push(await readFile(join(dir, match[1] as string), 'utf8'));
    }
    return { lines, outputs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('blackboard bytes of a recorded mission (golden)', () => {
  it('writes exactly the recorded lines and phase outputs, with an environment secret redacted', async () => {
    // A secret-named variable whose value occurs in the receipts: every occurrence is redacted.
    const { lines, outputs } = await writeGoldenMission({ GOLDEN_API_TOKEN: 'orders service' });
    expect(lines).toContain('[REDACTED]');
    expect(lines).not.toContain('orders service');
    expect(lines).toBe(await readFile(golden('mission-blackboard.jsonl'), 'utf8'));
    expect(outputs.length).toBe(2);
    expect(`${outputs.join('\n')}\n`).toBe(await readFile(golden('mission-outputs.txt'), 'utf8'));
  });

  it('rejects, never throws, for an event whose receipt cannot be drafted as JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'swarmlord-golden-'));
    try {
      const blackboard = await openBlackboard({ path: join(dir, 'blackboard.jsonl') });
      const listener = createBlackboardListener(blackboard, { env: {} });
      const bad = {
        type: 'phase-end',
        mission_id: 'mi',
        at: '2026-12-01T00:00:00.000Z',
        lane_id: 'lane-1',
        attempt: 1,
        phase: 'react',
        role: 'bridger',
        summary: 'x',
        evidence_refs: [],
        output: { score: Number.NaN },
        duration_ms: 1,
      } as unknown as RunEvent;
      let written: unknown;
      expect(() => {
        written = listener(bad);
      }).not.toThrow();
      await expect(written).rejects.toThrow(/not JSON data/);
      await blackboard.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
