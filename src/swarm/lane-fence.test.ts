import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';
import { createFakeModel } from '../models/index.js';
import { createLaneFence } from './lane-fence.js';
import { runMission } from './run-mission.js';

const at = '2026-12-01T00:00:00.000Z';
const event = (phase: 'perceive' | 'react'): RunEvent => ({
  type: 'phase-start',
  mission_id: 'mi',
  lane_id: 'lane-1',
  attempt: 1,
  at,
  phase,
  role: phase === 'perceive' ? 'observer' : 'bridger',
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createLaneFence', () => {
  it('hands events on in order without the poster waiting, and mark waits for them', async () => {
    const seen: string[] = [];
    const fence = createLaneFence(async (posted) => {
      await sleep(posted.type === 'phase-start' && posted.phase === 'perceive' ? 20 : 0);
      seen.push((posted as { phase: string }).phase);
    });
    fence.post(event('perceive'));
    fence.post(event('react'));
    expect(seen).toEqual([]);
    await fence.mark();
    expect(seen).toEqual(['perceive', 'react']);
  });

  it("hands a lane's first event after its model answer in the turn's check phase, not before its next call", async () => {
    const seen: string[] = [];
    const fence = createLaneFence(async (posted) => {
      seen.push((posted as { phase: string }).phase);
    });
    fence.post(event('perceive'));
    // The lane goes on (microtasks: its next call is issued) before the receipt is prepared.
    for (let tick = 0; tick < 20; tick += 1) await Promise.resolve();
    expect(seen).toEqual([]);
    // Events posted behind it follow it, in order.
    fence.post(event('react'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen[0]).toBe('perceive');
    await fence.mark();
    expect(seen).toEqual(['perceive', 'react']);
    // Idle again: the next event waits for the check phase once more.
    fence.post(event('perceive'));
    for (let tick = 0; tick < 20; tick += 1) await Promise.resolve();
    expect(seen).toEqual(['perceive', 'react']);
    await fence.mark();
    expect(seen).toEqual(['perceive', 'react', 'perceive']);
  });

  it('after a failure hands nothing more on and every later mark rejects; emitLast still goes out', async () => {
    const seen: string[] = [];
    const fence = createLaneFence(async (posted) => {
      const phase = (posted as { phase: string }).phase;
      if (phase === 'perceive') throw new Error('disk full');
      seen.push(phase);
    });
    fence.post(event('perceive'));
    fence.post(event('react'));
    await expect(fence.mark()).rejects.toThrow('disk full');
    await expect(fence.emit(event('react'))).rejects.toThrow('disk full');
    expect(seen).toEqual([]);
    await fence.emitLast(event('react'));
    expect(seen).toEqual(['react']);
  });
});

describe('createLaneFence queue', () => {
  it('never hands an event on inside the call that queued it, even on an idle fence', async () => {
    const seen: string[] = [];
    const fence = createLaneFence(async (posted) => {
      seen.push((posted as { phase: string }).phase);
    });
    const emitted = fence.emit(event('react'));
    expect(seen).toEqual([]);
    await emitted;
    expect(seen).toEqual(['react']);
  });

  it('resolves a mark once what was queued before it is done, not what came after', async () => {
    const seen: string[] = [];
    let release: () => void = () => undefined;
    const fence = createLaneFence(async (posted) => {
      const phase = (posted as { phase: string }).phase;
      if (phase === 'react') await new Promise<void>((resolve) => (release = resolve));
      seen.push(phase);
    });
    fence.post(event('perceive'));
    const first = fence.mark();
    fence.post(event('react'));
    await first;
    expect(seen).toEqual(['perceive']);
    const second = fence.mark();
    release();
    await second;
    expect(seen).toEqual(['perceive', 'react']);
  });

  it('runs tasks after the events before them, and a failed task fails every later mark', async () => {
    const order: string[] = [];
    const fence = createLaneFence(async (posted) => {
      order.push((posted as { phase: string }).phase);
    });
    fence.post(event('perceive'));
    fence.after(async () => {
      order.push('journal');
      throw new Error('journal full');
    });
    fence.post(event('react'));
    await expect(fence.mark()).rejects.toThrow('journal full');
    await expect(fence.mark()).rejects.toThrow('journal full');
    expect(order).toEqual(['perceive', 'journal']);
  });
});

describe('createLaneFence with emitAll (decision 0060)', () => {
  const phaseOf = (posted: RunEvent) => (posted as { phase: string }).phase;

  it('hands consecutive events on together, before the first is done, and a task only after them', async () => {
    const runs: string[][] = [];
    const order: string[] = [];
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const fence = createLaneFence(
      // A lone event goes through emit.
      async (posted) => {
        runs.push([phaseOf(posted)]);
        order.push(phaseOf(posted));
      },
      (events) => {
        runs.push(events.map(phaseOf));
        // The first waits for its fsync; the ones after it are already handed on.
        return events.map((posted, index) =>
          (index === 0 ? slow : Promise.resolve()).then(() => void order.push(phaseOf(posted))),
        );
      },
    );
    fence.post(event('perceive'));
    fence.post(event('react'));
    fence.after(async () => void order.push('journal'));
    fence.post(event('perceive'));
    // The run is handed on in the check phase (decision 0043), and the task waits for it.
    for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toEqual([['perceive', 'react']]);
    expect(order).toEqual(['react']);
    release();
    await fence.mark();
    expect(runs).toEqual([['perceive', 'react'], ['perceive']]);
    // The second was done first; the journal task waited for both.
    expect(order).toEqual(['react', 'perceive', 'journal', 'perceive']);
  });

  it('counts each event of a run as done in order, and stops at the first failure', async () => {
    let release: () => void = () => undefined;
    const second = new Promise<void>((resolve) => (release = resolve));
    const fence = createLaneFence(
      async () => undefined,
      (events) => events.map((_, index) => (index === 0 ? Promise.resolve() : second)),
    );
    fence.post(event('perceive'));
    const first = fence.mark();
    fence.post(event('react'));
    await first;
    const both = fence.mark();
    release();
    await both;
    const handed: string[] = [];
    const failing = createLaneFence(
      async () => undefined,
      (events) => {
        handed.push(...events.map(phaseOf));
        const failed = Promise.reject(new Error('disk full'));
        failed.catch(() => undefined);
        return events.map(() => failed);
      },
    );
    failing.post(event('perceive'));
    failing.post(event('react'));
    await expect(failing.mark()).rejects.toThrow('disk full');
    failing.post(event('perceive'));
    await expect(failing.mark()).rejects.toThrow('disk full');
    expect(handed).toEqual(['perceive', 'react']);
  });
});

describe('pipelined receipts in a mission', () => {
  const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
  const intent = (lanes: number) =>
    MissionIntentSchema.parse({
      mission_id: 'mi_fence_0001',
      created_at: at,
      objective: 'Map the architecture and risks of the orders service',
      workspace: 'workspace',
      lanes,
    });

  it('writes a receipt under the next model call, yet a phase counts only once the one before is written', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-fence-'));
    try {
      await cp(sample, join(cwd, 'workspace'), { recursive: true });
      const log: string[] = [];
      const model = createFakeModel({ latencyMs: 30 });
      const tracing = {
        ...model,
        async generate(request: Parameters<typeof model.generate>[0]) {
          log.push(`call ${request.task}`);
          return model.generate(request);
        },
      } as typeof model;
      await runMission({
        intent: intent(1),
        cwd,
        resolveModel: () => tracing,
        writeDigestFiles: false,
        // A slow durable write: 20 ms per receipt, as an fsync on a busy disk.
        listeners: [
          async (seen) => {
            if (seen.type !== 'phase-end') return;
            log.push(`writing ${seen.phase}`);
            await sleep(20);
            log.push(`written ${seen.phase}`);
          },
          (seen) => {
            if (seen.type === 'phase-end') log.push(`counted ${seen.phase}`);
          },
        ],
      });
      // Perceive's receipt is written while React's model call is in flight …
      expect(log.indexOf('call react')).toBeLessThan(log.indexOf('written perceive'));
      // … and every phase's receipt is written before the next phase's receipt is started.
      for (const [before, after] of [
        ['perceive', 'react'],
        ['react', 'engage'],
        ['engage', 'yield'],
      ])
        expect(log.indexOf(`counted ${before}`)).toBeLessThan(log.indexOf(`writing ${after}`));
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it('holds a write without blocking what is queued: marks wait for it, its failure fails the fence', async () => {
    const seen: string[] = [];
    const fence = createLaneFence(async (posted) => void seen.push((posted as { phase: string }).phase));
    let finish: () => void = () => undefined;
    fence.hold(new Promise<void>((resolve) => (finish = resolve)));
    fence.post(event('perceive'));
    let marked = false;
    const mark = fence.mark().then(() => (marked = true));
    await sleep(5);
    // The held write blocks nothing queued, but the mark waits for it.
    expect(seen).toEqual(['perceive']);
    expect(marked).toBe(false);
    finish();
    await mark;
    expect(marked).toBe(true);

    let fail: (error: Error) => void = () => undefined;
    fence.hold(new Promise<void>((_resolve, reject) => (fail = reject)));
    const failing = fence.mark();
    fail(new Error('journal full'));
    await expect(failing).rejects.toThrow('journal full');
    fence.post(event('react'));
    await expect(fence.mark()).rejects.toThrow('journal full');
    await sleep(5);
    expect(seen).toEqual(['perceive']);
  });

  it('fails the lane when a receipt cannot be written, and records nothing after it', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-fence-'));
    try {
      await cp(sample, join(cwd, 'workspace'), { recursive: true });
      const ended: RunEvent[] = [];
      const result = await runMission({
        intent: intent(1),
        cwd,
        resolveModel: () => createFakeModel({ latencyMs: 5 }),
        writeDigestFiles: false,
        listeners: [
          (seen) => {
            if (seen.type === 'phase-end' && seen.phase === 'react') throw new Error('disk full');
          },
          (seen) => void ended.push(seen),
        ],
      });
      const phases = ended.flatMap((seen) => (seen.type === 'phase-end' ? [seen.phase] : []));
      // Each attempt (the failed lane is re-run) gets as far as Perceive, never past React.
      expect(new Set(phases)).toEqual(new Set(['perceive']));
      const laneEnds = ended.filter((seen) => seen.type === 'lane-end');
      expect(laneEnds.length).toBe(phases.length);
      for (const laneEnd of laneEnds) expect(laneEnd).toMatchObject({ status: 'failed', error: 'disk full' });
      expect(result.digest.blockers.join('\n')).toContain('disk full');
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
