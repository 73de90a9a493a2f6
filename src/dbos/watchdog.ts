import { hostname } from 'node:os';
import type pg from 'pg';
import { DBOS_SCHEMA } from './migrations.js';

export interface WatchdogOptions {
  pool: pg.Pool;
  executorId: string;
  appVersion: string;
  /** How often this worker beats and looks for dead ones (default 1 s). */
  heartbeatMs?: number;
  /** A worker whose heartbeat is older than this is dead (default 5 s). */
  staleMs?: number;
  /** Re-enqueues the pending workflows of a dead executor here (DBOS `recoverPendingWorkflows`). */
  recover: (executorId: string) => Promise<number>;
  /**
   * Told once that this worker may have been declared dead while it was alive (its row was claimed,
   * or its own beat lapsed past staleMs: a stalled event loop, a paused VM, a lost database): another
   * worker may be running its workflows, so it must stop working at once (the CLI exits), or both
   * would make the same calls. The watchdog stops beating.
   */
  onLost?: (reason: string) => void;
  log?: (line: string) => void;
}

export interface Watchdog {
  /** Marks this worker gone at once (its heartbeat in the past), so a live worker takes over what it leaves. */
  stop(): Promise<void>;
}

/**
 * The dead-worker watchdog (DBOS open source does not take over a dead executor's workflows by
 * itself): every worker beats in `workers`; each beat also claims, with `FOR UPDATE SKIP LOCKED`,
 * executors of the same application version whose heartbeat stopped, refreshes their beat (so no
 * other worker claims them meanwhile), recovers their pending workflows here and forgets them. A
 * claimer that dies mid-recovery leaves the row to go stale again: someone else claims it. Takeover
 * is bounded by staleMs + heartbeatMs (+ DBOS's queue poll).
 */
export async function startWatchdog(options: WatchdogOptions): Promise<Watchdog> {
  const { pool, executorId, appVersion } = options;
  const heartbeatMs = options.heartbeatMs ?? 1000;
  const staleMs = options.staleMs ?? 5000;
  await pool.query(
    `INSERT INTO ${DBOS_SCHEMA}.workers (executor_id, app_version, host, pid) VALUES ($1, $2, $3, $4)
     ON CONFLICT (executor_id) DO UPDATE SET heartbeat_at = now()`,
    [executorId, appVersion, hostname(), process.pid],
  );
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  // When this worker last knew its row was fresh (a beat the database confirmed).
  let lastBeat = performance.now();
  const lose = (reason: string) => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    options.log?.(`this worker may have been taken over: ${reason}`);
    options.onLost?.(reason);
  };
  const tick = async () => {
    const sent = performance.now();
    if (sent - lastBeat > staleMs) {
      lose(
        `its last heartbeat was ${Math.round(sent - lastBeat)} ms ago (a worker is dead after ${staleMs} ms)`,
      );
      return;
    }
    const beat = await pool.query(
      `UPDATE ${DBOS_SCHEMA}.workers SET heartbeat_at = now() WHERE executor_id = $1`,
      [executorId],
    );
    if (beat.rowCount === 0) {
      lose('another worker claimed it as dead and recovered its workflows');
      return;
    }
    lastBeat = sent;
    const claimed = await pool.query<{ executor_id: string }>(
      `UPDATE ${DBOS_SCHEMA}.workers SET heartbeat_at = now()
       WHERE executor_id IN (
         SELECT executor_id FROM ${DBOS_SCHEMA}.workers
         WHERE executor_id <> $1 AND app_version = $2
           AND heartbeat_at < now() - make_interval(secs => $3)
         FOR UPDATE SKIP LOCKED)
       RETURNING executor_id`,
      [executorId, appVersion, staleMs / 1000],
    );
    for (const row of claimed.rows) {
      const recovered = await options.recover(row.executor_id);
      await pool.query(`DELETE FROM ${DBOS_SCHEMA}.workers WHERE executor_id = $1`, [row.executor_id]);
      options.log?.(`took over ${recovered} workflow(s) of dead worker ${row.executor_id}`);
    }
  };
  const timer: NodeJS.Timeout = setInterval(() => {
    if (stopped) return;
    running = running
      .then(() => (stopped ? undefined : tick()))
      .catch((error: unknown) =>
        options.log?.(`watchdog: ${error instanceof Error ? error.message : String(error)}`),
      );
  }, heartbeatMs);
  return {
    async stop() {
      const lost = stopped;
      stopped = true;
      clearInterval(timer);
      await running;
      if (lost) return;
      await pool.query(`UPDATE ${DBOS_SCHEMA}.workers SET heartbeat_at = 'epoch' WHERE executor_id = $1`, [
        executorId,
      ]);
    },
  };
}
