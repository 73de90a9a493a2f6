import { expect, it } from 'vitest';
import type { DurableJournal, JournalMeta } from './durable-journal.js';

const step = { missionId: 'mi_1', laneId: 'lane-1', attempt: 1, phase: 'perceive' };

function meta(status: JournalMeta['status']): JournalMeta {
  return {
    format: 'swarmlord.journal/v1',
    missionId: 'mi_1',
    status,
    run: 1,
    intent: { mission_id: 'mi_1' },
    workspace: { 'a.ts': 'f'.repeat(64) },
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

/**
 * The contract every durable runtime meets (the embedded file journal, the in-memory one, and the
 * PostgreSQL runtime to come): `create` returns a journal, `reopen` the same journal as a new
 * process would see it (for the memory journal: the same object).
 */
export function testJournalContract(
  create: () => Promise<{ journal: DurableJournal; reopen: () => DurableJournal }>,
): void {
  it('answers nothing before a step is recorded, then the recorded value', async () => {
    const { journal } = await create();
    expect(await journal.get(step)).toBeUndefined();
    const recorded = await journal.put({ step, kind: 'phase', value: { observations: [1, 2] } });
    expect(recorded.id).toBe('mi_1/lane-1/a1/perceive');
    expect((await journal.get(step))?.value).toEqual({ observations: [1, 2] });
  });

  it('keeps steps apart by every part of the id, call index included', async () => {
    const { journal } = await create();
    await journal.put({ step: { ...step, callIndex: 1 }, kind: 'model-call', inputKey: 'k1', value: 'one' });
    await journal.put({ step: { ...step, callIndex: 2 }, kind: 'model-call', inputKey: 'k2', value: 'two' });
    await journal.put({ step: { ...step, attempt: 2, callIndex: 1 }, kind: 'model-call', value: 'three' });
    expect((await journal.get({ ...step, callIndex: 2 }))?.inputKey).toBe('k2');
    expect((await journal.get({ ...step, attempt: 2, callIndex: 1 }))?.value).toBe('three');
    expect(await journal.get(step)).toBeUndefined();
    expect((await journal.steps()).map((record) => record.id)).toEqual([
      'mi_1/lane-1/a1/perceive/c1',
      'mi_1/lane-1/a1/perceive/c2',
      'mi_1/lane-1/a2/perceive/c1',
    ]);
  });

  it('survives a reopen: steps and header are durable once recorded', async () => {
    const { journal, reopen } = await create();
    await journal.writeMeta(meta('running'));
    await journal.put({ step, kind: 'phase', value: { ok: true } });
    await journal.writeMeta(meta('stopped'));
    const again = reopen();
    expect((await again.readMeta())?.status).toBe('stopped');
    expect((await again.get(step))?.value).toEqual({ ok: true });
  });

  it('forgets everything on reset', async () => {
    const { journal, reopen } = await create();
    await journal.writeMeta(meta('finished'));
    await journal.put({ step, kind: 'phase', value: 1 });
    await journal.reset();
    expect(await journal.get(step)).toBeUndefined();
    expect(await reopen().readMeta()).toBeUndefined();
    expect(await reopen().steps()).toEqual([]);
  });
}
