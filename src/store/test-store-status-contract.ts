import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBlackboard, receiptDraftFromEvent } from '../blackboard/index.js';
import type { RunEvent } from '../contracts/index.js';
import { applyOwnMigrations } from './apply-own-migrations.js';
import { createStoreListener } from './create-store-listener.js';
import { appliedMigrations } from './migrations-table.js';
import type { MissionRecord } from './mission-records.js';
import type { Store } from './open-store.js';
import { openStoreOn } from './open-store.js';
import type { OwnMigration } from './own-migrations.js';
import { OWN_MIGRATIONS } from './own-migrations.js';
import { rebuildStore } from './rebuild-store.js';
import type { SqlClient } from './sql-client.js';
import { at, missionEvents } from './test-store-fixtures.js';

/** Gives each test a connection to an empty database (or schema) of the adapter under test. */
export type OpenStatusTestClient = () => Promise<SqlClient>;

function modelCall(id: string, callIndex: number, tokens: [number, number], cache: 'off' | 'hit'): RunEvent {
  return {
    mission_id: id,
    at: at(3),
    type: 'model-call-end',
    lane_id: 'lane-1',
    attempt: 1,
    phase: 'perceive',
    role: 'observer',
    task: 'observe',
    call_index: callIndex,
    provider: 'fake',
    model: 'fake',
    input_tokens: tokens[0],
    output_tokens: tokens[1],
    cached_input_tokens: 0,
    cost_usd: cache === 'hit' ? 0 : 0.001,
    cache,
    duration_ms: 5,
  };
}

/**
 * The store's mission statuses (issue 11), on every adapter: migration 2 over a v1 database, each
 * ending stored as its status, and a resume counted as the same run.
 */
export function describeStoreStatusContract(adapter: string, open: OpenStatusTestClient): void {
  describe(`store status contract: ${adapter}`, () => {
    let client: SqlClient;
    let cwd: string;
    beforeEach(async () => {
      client = await open();
      cwd = await mkdtemp(join(tmpdir(), 'swarmlord-store-status-'));
    });
    afterEach(async () => {
      await client.close();
      await rm(cwd, { recursive: true, force: true });
    });

    /** One mission process: its own listener (and indexer) over the shared blackboard. */
    async function process(target: Store): Promise<{
      feed(events: RunEvent[]): Promise<void>;
      close(): Promise<void>;
    }> {
      const blackboard = await openBlackboard({ path: join(cwd, 'bb.jsonl'), durable: false });
      const errors: unknown[] = [];
      const listener = createStoreListener(target.missions, {
        cwd,
        blackboardPath: 'bb.jsonl',
        position: () => ({ seq: blackboard.nextSeq - 1, hash: blackboard.lastHash }),
        onError: (error) => errors.push(error),
      });
      return {
        async feed(events) {
          for (const event of events) {
            const draft = receiptDraftFromEvent(event);
            if (draft !== undefined) await blackboard.append(draft);
            await listener(event);
          }
          expect(errors).toEqual([]);
        },
        close: () => blackboard.close(),
      };
    }

    async function runAll(target: Store, events: RunEvent[]): Promise<void> {
      const one = await process(target);
      await one.feed(events);
      await one.close();
    }

    const statuses = (missions: MissionRecord[]) =>
      missions.map((mission) => [mission.id, mission.status, mission.resumes]).sort();

    it('migration 2 over a v1 database: completed rows take their verdict, the rest stay, no resumes', async () => {
      const [first] = OWN_MIGRATIONS as [OwnMigration];
      expect(await applyOwnMigrations(client, [first])).toEqual(['0001_missions']);
      const rows: Array<[string, string, string | null]> = [
        ['mi_pass', 'completed', 'PASS'],
        ['mi_caution', 'completed', 'CAUTION'],
        ['mi_fail', 'completed', 'FAIL'],
        ['mi_partial', 'partial', 'PASS'],
        ['mi_error', 'failed', null],
        ['mi_running', 'running', null],
      ];
      for (const [index, [id, status, verdict]] of rows.entries()) {
        await client.query(
          `INSERT INTO missions (id, objective, status, verdict, started_at, blackboard_path)
           VALUES ($1, 'v1 mission', $2, $3, $4, 'bb.jsonl')`,
          [id, status, verdict, at(index)],
        );
      }
      const target = await openStoreOn(client);
      expect((await appliedMigrations(client, 'swarmlord')).map((migration) => migration.name)).toEqual([
        '0001_missions',
        '0002_mission_status',
      ]);
      expect(statuses(await target.missions.listMissions())).toEqual([
        ['mi_caution', 'caution', 0],
        ['mi_error', 'failed', 0],
        ['mi_fail', 'failed', 0],
        ['mi_partial', 'partial', 0],
        ['mi_pass', 'passed', 0],
        ['mi_running', 'running', 0],
      ]);
      await expect(
        client.query(
          `INSERT INTO missions (id, objective, status, started_at, blackboard_path)
           VALUES ('mi_new', 'x', 'completed', $1, 'bb.jsonl')`,
          [at(9)],
        ),
      ).rejects.toThrow(/check/i);
      expect(await applyOwnMigrations(client)).toEqual([]);
    });

    it('stores each ending as its status (passed, caution, failed, partial, error), running until it ends; rebuild agrees', async () => {
      const target = await openStoreOn(client);
      const unended = (id: string) => missionEvents(id, 'PASS').slice(0, -1);
      await runAll(target, [
        ...missionEvents('mi_pass', 'PASS'),
        ...missionEvents('mi_caution', 'CAUTION'),
        ...missionEvents('mi_fail', 'FAIL'),
        ...missionEvents('mi_partial', 'FAIL', { partial: true }),
        ...unended('mi_error'),
        { mission_id: 'mi_error', at: at(8), type: 'mission-error', error: 'workspace vanished' },
        ...unended('mi_running'),
      ]);
      const expected = [
        ['mi_caution', 'caution', 0],
        ['mi_error', 'failed', 0],
        ['mi_fail', 'failed', 0],
        ['mi_partial', 'partial', 0],
        ['mi_pass', 'passed', 0],
        ['mi_running', 'running', 0],
      ];
      expect(statuses(await target.missions.listMissions())).toEqual(expected);
      expect((await target.missions.getMission('mi_error'))?.mission.error).toBe('workspace vanished');
      expect((await target.missions.getMission('mi_partial'))?.mission.verdict).toBe('FAIL');
      // `interrupted` is never stored: it selects the rows stored `running`, decided when read.
      expect((await target.missions.listMissions({ status: 'interrupted' })).map((m) => m.id)).toEqual([
        'mi_running',
      ]);
      expect((await target.missions.listMissions({ status: 'passed' })).map((m) => m.id)).toEqual([
        'mi_pass',
      ]);
      await rebuildStore(target.missions, { cwd, blackboardPath: 'bb.jsonl' });
      expect(statuses(await target.missions.listMissions())).toEqual(expected);
    });

    it('a resume is the same run: runs 1, resumes 1, running again, then the final verdict; no call counted twice; rebuild agrees', async () => {
      const target = await openStoreOn(client);
      const id = 'mi_resumed';
      const [start, laneOne] = missionEvents(id, 'PASS') as [RunEvent, RunEvent];
      // The first process: started, one call answered, then killed (no end).
      await runAll(target, [start, laneOne, modelCall(id, 1, [100, 40], 'off')]);
      const killed = (await target.missions.getMission(id))?.mission;
      // (The live index writes a call with the next receipt that must be written: none came.)
      expect(killed).toMatchObject({ status: 'running', runs: 1, resumes: 0 });

      // The resume: another process, its own listener; the start says it is a resume, and the
      // row is folded again from the blackboard, the killed run's call with it.
      const resumed = await process(target);
      await resumed.feed([{ ...start, at: at(20), resume: true } as RunEvent]);
      expect((await target.missions.getMission(id))?.mission).toMatchObject({
        status: 'running',
        runs: 1,
        resumes: 1,
        modelCalls: 1,
        inputTokens: 100,
        startedAt: at(1),
        firstSeq: killed?.firstSeq,
      });
      const [, , laneTwo, , yieldOne, laneOneEnd, laneTwoEnd, verify, end] = missionEvents(id, 'PASS');
      await resumed.feed([
        laneOne,
        laneTwo as RunEvent,
        // The in-flight phase runs again: call 1 comes from the journal (not paid, not counted again).
        modelCall(id, 1, [100, 40], 'hit'),
        modelCall(id, 2, [50, 20], 'off'),
        ...([yieldOne, laneOneEnd, laneTwoEnd, verify, end] as RunEvent[]),
      ]);
      await resumed.close();
      const live = await target.missions.getMission(id);
      expect(live?.mission).toMatchObject({
        status: 'passed',
        verdict: 'PASS',
        runs: 1,
        resumes: 1,
        modelCalls: 2,
        inputTokens: 150,
        outputTokens: 60,
        endedAt: at(7),
      });
      expect(live?.laneAttempts.map((lane) => [lane.laneId, lane.status, lane.modelCalls])).toEqual([
        ['lane-1', 'done', 2],
        ['lane-2', 'failed', 0],
      ]);
      await rebuildStore(target.missions, { cwd, blackboardPath: 'bb.jsonl' });
      expect(await target.missions.getMission(id)).toEqual(live);

      // Running the intent again (not a resume) is another run.
      await runAll(target, missionEvents(id, 'FAIL'));
      expect((await target.missions.getMission(id))?.mission).toMatchObject({
        status: 'failed',
        runs: 2,
        resumes: 0,
      });
      const rerun = await target.missions.getMission(id);
      await rebuildStore(target.missions, { cwd, blackboardPath: 'bb.jsonl' });
      expect(await target.missions.getMission(id)).toEqual(rerun);
    });
  });
}
