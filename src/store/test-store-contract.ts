import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBlackboard } from '../blackboard/index.js';
import { applyOwnMigrations } from './apply-own-migrations.js';
import { createStoreListener } from './create-store-listener.js';
import type { MissionDetails } from './mission-records.js';
import type { Store } from './open-store.js';
import { openStoreOn } from './open-store.js';
import type { OwnMigration } from './own-migrations.js';
import { OWN_MIGRATIONS } from './own-migrations.js';
import { rebuildStore } from './rebuild-store.js';
import { ssotSchemaStatus } from './schema/ssot-schema-status.js';
import { syncSsotSchema } from './schema/sync-ssot-schema.js';
import type { SqlClient } from './sql-client.js';
import { at, missionEvents, model } from './test-store-fixtures.js';

/** Gives each test a connection to an empty database (or schema) of the adapter under test. */
export type OpenTestClient = () => Promise<SqlClient>;

/**
 * The store's contract: every adapter runs exactly these tests (STYLE: one shared suite). `open`
 * must give a connection to a database no other test uses.
 */
export function describeStoreContract(adapter: string, open: OpenTestClient): void {
  describe(`store contract: ${adapter}`, () => {
    let client: SqlClient;
    let cwd: string;
    beforeEach(async () => {
      client = await open();
      cwd = await mkdtemp(join(tmpdir(), 'swarmlord-store-'));
    });
    afterEach(async () => {
      await client.close();
      await rm(cwd, { recursive: true, force: true });
    });

    async function store(): Promise<Store> {
      return openStoreOn(client);
    }

    async function runMissions(target: Store, ids: Array<[string, 'PASS' | 'FAIL']>): Promise<void> {
      const blackboard = await openBlackboard({ path: join(cwd, 'bb.jsonl'), durable: false });
      const errors: unknown[] = [];
      const listener = createStoreListener(target.missions, {
        cwd,
        blackboardPath: 'bb.jsonl',
        position: () => ({ seq: blackboard.nextSeq - 1, hash: blackboard.lastHash }),
        onError: (error) => errors.push(error),
      });
      const { receiptDraftFromEvent } = await import('../blackboard/index.js');
      for (const [id, verdict] of ids) {
        for (const event of missionEvents(id, verdict)) {
          const draft = receiptDraftFromEvent(event);
          if (draft !== undefined) await blackboard.append(draft);
          await listener(event);
        }
      }
      await blackboard.close();
      expect(errors).toEqual([]);
    }

    it('creates its tables on open and opens again without migrating', async () => {
      expect(await applyOwnMigrations(client)).toEqual(['0001_missions', '0002_mission_status']);
      expect(await applyOwnMigrations(client)).toEqual([]);
      expect(await (await store()).missions.listMissions()).toEqual([]);
    });

    it('indexes missions from run events: ls lists both with verdicts, show has lanes, rounds and the blackboard range', async () => {
      const target = await store();
      await runMissions(target, [
        ['mi_a', 'PASS'],
        ['mi_b', 'FAIL'],
      ]);
      const listed = await target.missions.listMissions();
      expect(listed.map((mission) => [mission.id, mission.verdict, mission.status])).toEqual([
        ['mi_b', 'FAIL', 'failed'],
        ['mi_a', 'PASS', 'passed'],
      ]);
      expect((await target.missions.listMissions({ status: 'running' })).length).toBe(0);
      const shown = await target.missions.getMission('mi_a');
      expect(shown?.mission).toMatchObject({
        objective: 'objective of mi_a',
        hallucinationRate: 0.05,
        inputTokens: 100,
        outputTokens: 40,
        cachedInputTokens: 10,
        modelCalls: 1,
        costUsd: 0.002,
        startedAt: at(1),
        endedAt: at(7),
        blackboardPath: 'bb.jsonl',
        firstSeq: 0,
      });
      expect(shown?.mission.lastSeq).toBeGreaterThan(0);
      expect(shown?.mission.lastHash).toMatch(/^[0-9a-f]{64}$/);
      expect(
        shown?.laneAttempts.map((lane) => [lane.laneId, lane.status, lane.inputTokens, lane.error]),
      ).toEqual([
        ['lane-1', 'done', 100, undefined],
        ['lane-2', 'failed', 0, 'model down'],
      ]);
      expect(shown?.verifyRounds).toEqual([
        expect.objectContaining({ attempt: 1, verdict: 'PASS', claimsTotal: 20, quorumHeld: true }),
      ]);
      const pointer = await target.missions.blackboardPointer('bb.jsonl');
      expect(pointer?.seq).toBe((await target.missions.getMission('mi_b'))?.mission.lastSeq);
    });

    it('rebuilds from the blackboard exactly what the listener indexed, replacing a damaged index', async () => {
      const target = await store();
      await runMissions(target, [
        ['mi_a', 'PASS'],
        ['mi_b', 'FAIL'],
      ]);
      const live: Array<MissionDetails | undefined> = [
        await target.missions.getMission('mi_a'),
        await target.missions.getMission('mi_b'),
      ];
      await client.query("UPDATE missions SET verdict = 'CAUTION', objective = 'damaged'");
      const result = await rebuildStore(target.missions, { cwd, blackboardPath: 'bb.jsonl' });
      expect(result.missions).toBe(2);
      expect([await target.missions.getMission('mi_a'), await target.missions.getMission('mi_b')]).toEqual(
        live,
      );
    });

    it('replaces everything in one transaction: a failing rebuild keeps the old index', async () => {
      const target = await store();
      await runMissions(target, [['mi_a', 'PASS']]);
      const before = await target.missions.listMissions();
      const bad = { ...before[0], id: 'mi_x', status: 'exploded' } as unknown as MissionDetails['mission'];
      await expect(
        target.missions.replaceAll([{ mission: bad, laneAttempts: [], verifyRounds: [] }]),
      ).rejects.toThrow();
      expect(await target.missions.listMissions()).toEqual(before);
    });

    it('opens a store made by an older version and refuses one made by a newer', async () => {
      await applyOwnMigrations(client);
      await runMissions(await openStoreOn(client), [['mi_old', 'PASS']]);
      const next: OwnMigration = {
        version: OWN_MIGRATIONS.length + 1,
        name: 'mission_notes',
        sql: 'ALTER TABLE missions ADD COLUMN notes text;',
      };
      expect(await applyOwnMigrations(client, [...OWN_MIGRATIONS, next])).toEqual([
        `${String(next.version).padStart(4, '0')}_mission_notes`,
      ]);
      const rows = await client.query<{ id: string; notes: string | null }>('SELECT id, notes FROM missions');
      expect(rows).toEqual([{ id: 'mi_old', notes: null }]);
      await expect(applyOwnMigrations(client)).rejects.toMatchObject({
        code: 'STORE_VERSION_NEWER',
      });
    });

    it('refuses a database with a foreign table of the same name, creating nothing', async () => {
      await client.exec('CREATE TABLE missions (id integer, owner text)');
      await expect(applyOwnMigrations(client)).rejects.toMatchObject({
        code: 'STORE_FOREIGN_TABLE',
        message: expect.stringContaining('missions'),
      });
      const tables = await client.query(
        "SELECT 1 FROM information_schema.tables WHERE table_name = 'swarmlord_migrations' AND table_schema = current_schema()",
      );
      expect(tables).toEqual([]);
    });

    describe('db sync', () => {
      const v1 = `package P { private import ScalarValues::*;
        enum def Colour { red; green; }
        item def Order { attribute total : Real; attribute note : String [0..1]; attribute colour : Colour; attribute tags : String [0..*]; item lines : Line [0..*]; }
        item def Line { attribute qty : Integer; attribute paid : Boolean; }
        abstract part def Base { attribute model : String; }
        part def Worker :> Base { attribute rank : Integer; }
      }`;
      const v2 = v1.replace(
        'attribute paid : Boolean;',
        'attribute paid : Boolean; attribute sku : String [0..1];',
      );
      const sync = (text: string, extra: Partial<Parameters<typeof syncSsotSchema>[0]> = {}) =>
        syncSsotSchema({
          sql: client,
          model: model(text),
          cwd,
          sources: ['model.sysml'],
          now: () => new Date(at(30)),
          ...extra,
        });
      const migrationFiles = async () => (await readdir(join(cwd, 'migrations')).catch(() => [])).sort();

      it('creates tables matching the model, then does nothing; an added attribute is one ALTER migration', async () => {
        await store();
        const first = await sync(v1);
        expect(first.created).toMatch(/^migrations\/20261122T100030Z_create_order_and_\d+_more\.sql$/);
        const columns = await client.query<{
          table_name: string;
          column_name: string;
          data_type: string;
          is_nullable: string;
        }>(
          `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name IN ('order', 'line', 'worker', 'order_tags', 'order_lines')
            ORDER BY table_name, ordinal_position`,
        );
        expect(
          columns.map((row) => `${row.table_name}.${row.column_name} ${row.data_type} ${row.is_nullable}`),
        ).toEqual([
          'line.id bigint NO',
          'line.qty bigint NO',
          'line.paid boolean NO',
          'order.id bigint NO',
          'order.total double precision NO',
          'order.note text YES',
          'order.colour text NO',
          'order_lines.id bigint NO',
          'order_lines.owner_id bigint NO',
          'order_lines.position bigint NO',
          'order_lines.value_id bigint NO',
          'order_tags.id bigint NO',
          'order_tags.owner_id bigint NO',
          'order_tags.position bigint NO',
          'order_tags.value text NO',
          'worker.id bigint NO',
          'worker.rank bigint NO',
          'worker.model text NO',
        ]);
        await expect(client.query(`INSERT INTO "order" (total, colour) VALUES (1, 'blue')`)).rejects.toThrow(
          /check/i,
        );
        expect((await ssotSchemaStatus(client, model(v1), cwd)).matches).toBe(true);

        const again = await sync(v1);
        expect(again).toMatchObject({ upToDate: true, changes: [] });
        expect(await migrationFiles()).toHaveLength(1);

        expect((await ssotSchemaStatus(client, model(v2), cwd)).modelChanges).toEqual([
          '+ column line.sku text',
        ]);
        const added = await sync(v2, { now: () => new Date(at(31)) });
        expect(added.changes.map((change) => change.kind)).toEqual(['add-column']);
        const files = await migrationFiles();
        expect(files).toHaveLength(2);
        expect(await readFile(join(cwd, 'migrations', files[1] ?? ''), 'utf8')).toContain(
          'ALTER TABLE "line" ADD COLUMN "sku" text;',
        );
        expect((await ssotSchemaStatus(client, model(v2), cwd)).matches).toBe(true);
      });

      it('prints SQL on a dry run without writing or applying, and refuses destructive changes without the flag', async () => {
        await store();
        const dry = await sync(v1, { dryRun: true });
        expect(dry.sql).toContain('CREATE TABLE "order"');
        expect(await migrationFiles()).toEqual([]);
        expect(
          await client.query(
            `SELECT 1 FROM information_schema.tables WHERE table_name = 'order' AND table_schema = current_schema()`,
          ),
        ).toEqual([]);
        await sync(v1);
        const narrowed = v1
          .replace('attribute total : Real;', 'attribute total : Integer;')
          .replace(' attribute rank : Integer;', '');
        await expect(sync(narrowed, { now: () => new Date(at(40)) })).rejects.toMatchObject({
          code: 'DB_DESTRUCTIVE_CHANGE',
          message: expect.stringContaining('order.total: double precision → bigint'),
        });
        expect(await migrationFiles()).toHaveLength(1);
        const forced = await sync(narrowed, { now: () => new Date(at(40)), allowDestructive: true });
        expect(forced.changes.map((change) => change.kind).sort()).toEqual(['alter-type', 'drop-column']);
        expect((await ssotSchemaStatus(client, model(narrowed), cwd)).matches).toBe(true);
      });

      it('applies nothing when a step fails, removes the new file, and says which', async () => {
        await store();
        await sync(v1);
        await client.query('INSERT INTO line (qty, paid) VALUES (1, true)');
        const required = v1.replace(
          'attribute paid : Boolean;',
          'attribute paid : Boolean; attribute sku : String;',
        );
        await expect(sync(required, { now: () => new Date(at(50)) })).rejects.toMatchObject({
          code: 'DB_MIGRATION_FAILED',
        });
        expect(await migrationFiles()).toHaveLength(1);
        const status = await ssotSchemaStatus(client, model(required), cwd);
        expect(status).toMatchObject({
          matches: false,
          modelChanges: ['+ column line.sku text NOT NULL'],
          drift: [],
        });
      });

      it('refuses to create over a foreign table, and reports hand edits as drift', async () => {
        await store();
        await client.exec('CREATE TABLE line (id integer)');
        await expect(sync(v1)).rejects.toMatchObject({
          code: 'STORE_FOREIGN_TABLE',
          message: expect.stringContaining('line'),
        });
        expect(await migrationFiles()).toEqual([]);
        await client.exec('DROP TABLE line');
        await sync(v1);
        await client.exec('ALTER TABLE line DROP COLUMN paid');
        const status = await ssotSchemaStatus(client, model(v1), cwd);
        expect(status).toMatchObject({ matches: false, drift: ['column line.paid is missing'] });
      });

      it('refuses an applied migration that was edited', async () => {
        await store();
        await sync(v1);
        const [file] = await migrationFiles();
        const path = join(cwd, 'migrations', file ?? '');
        await writeFile(path, `${await readFile(path, 'utf8')}\n-- edited\n`);
        await expect(sync(v1)).rejects.toMatchObject({ code: 'DB_MIGRATION_INVALID' });
      });
    });
  });
}
