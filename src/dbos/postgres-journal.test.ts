import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testJournalContract } from '../durable/test-journal-contract.js';
import type { PostgresServer } from '../test/postgres-server/index.js';
import { startPostgresServer } from '../test/postgres-server/index.js';
import { applyDbosMigrations } from './migrations.js';
import { createPostgresJournal } from './postgres-journal.js';
import { openReceiptsBlackboard } from './receipts-blackboard.js';

let postgres: PostgresServer;
const pools: pg.Pool[] = [];

async function database(): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: await postgres.createDatabase(), max: 4 });
  // An idle client told the cluster is shutting down must not be an unhandled error.
  pool.on('error', () => undefined);
  pools.push(pool);
  await applyDbosMigrations(pool);
  return pool;
}

beforeAll(async () => {
  postgres = await startPostgresServer();
}, 60_000);

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await postgres?.stop();
});

describe('createPostgresJournal', () => {
  testJournalContract(async () => {
    const pool = await database();
    return {
      journal: createPostgresJournal(pool, 'mi_1'),
      reopen: () => createPostgresJournal(pool, 'mi_1'),
    };
  });
});

describe('openReceiptsBlackboard', () => {
  it('chains receipts of one mission from two writers without a fork, per mission from seq 0', async () => {
    const pool = await database();
    const [one, two, other] = await Promise.all([
      openReceiptsBlackboard(pool, 'mi_a'),
      openReceiptsBlackboard(pool, 'mi_a'),
      openReceiptsBlackboard(pool, 'mi_b'),
    ]);
    const draft = (writer: string, index: number) => ({
      mission_id: 'mi_a',
      lane_id: 'swarmlord',
      phase: 'mission_start',
      role: 'swarmlord',
      summary: `${writer} ${index}`,
      timestamp: '2026-12-02T00:00:00.000Z',
    });
    await Promise.all(
      Array.from({ length: 10 }, (_, index) => [
        one.append(draft('one', index)),
        two.append(draft('two', index)),
      ]).flat(),
    );
    await other.append({ ...draft('other', 0), mission_id: 'mi_b' });
    const rows = await pool.query<{ seq: number; line: string }>(
      "SELECT seq, line FROM swarmlord_dbos.receipts WHERE mission_id = 'mi_a' ORDER BY seq",
    );
    expect(rows.rows.map((row) => row.seq)).toEqual(Array.from({ length: 20 }, (_, index) => index));
    let previous = '0'.repeat(64);
    for (const row of rows.rows) {
      const receipt = JSON.parse(row.line) as { prev_hash: string; hash: string };
      expect(receipt.prev_hash).toBe(previous);
      previous = receipt.hash;
    }
    const first = await pool.query<{ seq: number }>(
      "SELECT seq FROM swarmlord_dbos.receipts WHERE mission_id = 'mi_b'",
    );
    expect(first.rows.map((row) => row.seq)).toEqual([0]);
  });
});
