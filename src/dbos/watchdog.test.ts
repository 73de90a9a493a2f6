import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresServer } from '../test/postgres-server/index.js';
import { startPostgresServer } from '../test/postgres-server/index.js';
import { applyDbosMigrations, DBOS_SCHEMA } from './migrations.js';
import type { Watchdog } from './watchdog.js';
import { startWatchdog } from './watchdog.js';

let postgres: PostgresServer;
const pools: pg.Pool[] = [];
const watchdogs: Watchdog[] = [];

async function database(): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: await postgres.createDatabase(), max: 4 });
  pool.on('error', () => undefined);
  pools.push(pool);
  await applyDbosMigrations(pool);
  return pool;
}

function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 15_000;
  return new Promise((resolve, reject) => {
    const poll = async () => {
      const value = await probe();
      if (value !== undefined) resolve(value);
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(() => void poll(), 20);
    };
    void poll();
  });
}

beforeAll(async () => {
  postgres = await startPostgresServer();
}, 60_000);

afterAll(async () => {
  await Promise.all(watchdogs.map((watchdog) => watchdog.stop().catch(() => undefined)));
  await Promise.all(pools.map((pool) => pool.end()));
  await postgres?.stop();
});

describe('startWatchdog', () => {
  it('takes over a worker whose beat stopped, and that worker, alive after all, learns it and stops', async () => {
    const pool = await database();
    const lost: string[] = [];
    const recovered: string[] = [];
    const options = { pool, appVersion: 'v1', heartbeatMs: 50, staleMs: 60_000 };
    watchdogs.push(
      await startWatchdog({
        ...options,
        executorId: 'stalled',
        recover: async () => 0,
        onLost: (why) => lost.push(why),
      }),
    );
    watchdogs.push(
      await startWatchdog({
        ...options,
        executorId: 'live',
        staleMs: 1000,
        recover: async (dead) => {
          recovered.push(dead);
          return 1;
        },
      }),
    );
    // What another worker sees of a stalled one: a heartbeat older than its stale time.
    await pool.query(
      `UPDATE ${DBOS_SCHEMA}.workers SET heartbeat_at = now() - interval '1 hour' WHERE executor_id = 'stalled'`,
    );
    // The stalled worker's own beats land between the reset and the claim: set it back until claimed.
    const claimed = await waitFor('the live worker to claim the stalled one', async () => {
      await pool.query(
        `UPDATE ${DBOS_SCHEMA}.workers SET heartbeat_at = now() - interval '1 hour' WHERE executor_id = 'stalled'`,
      );
      return recovered.length > 0 ? recovered : undefined;
    });
    expect(claimed).toEqual(['stalled']);
    const reason = await waitFor('the stalled worker to learn it was taken over', () => lost[0]);
    expect(reason).toContain('claimed it as dead');
    expect(lost).toHaveLength(1);
  });

  it('stops a worker whose own beat lapsed past the stale time (a stalled event loop), before anyone claims it', async () => {
    const pool = await database();
    const lost: string[] = [];
    watchdogs.push(
      await startWatchdog({
        pool,
        appVersion: 'v1',
        executorId: 'blocked',
        heartbeatMs: 50,
        staleMs: 300,
        recover: async () => 0,
        onLost: (why) => lost.push(why),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(lost).toEqual([]);
    // The event loop blocked for longer than the stale time: no beat could be sent meanwhile.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    const reason = await waitFor('the blocked worker to notice its lapse', () => lost[0]);
    expect(reason).toMatch(/last heartbeat was \d+ ms ago/);
  });

  it('keeps a worker that beats in time', async () => {
    const pool = await database();
    const lost: string[] = [];
    watchdogs.push(
      await startWatchdog({
        pool,
        appVersion: 'v1',
        executorId: 'steady',
        heartbeatMs: 50,
        staleMs: 2000,
        recover: async () => 0,
        onLost: (why) => lost.push(why),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(lost).toEqual([]);
    const row = await pool.query(
      `SELECT now() - heartbeat_at < interval '1 second' AS fresh FROM ${DBOS_SCHEMA}.workers WHERE executor_id = 'steady'`,
    );
    expect(row.rows).toEqual([{ fresh: true }]);
  });
});
