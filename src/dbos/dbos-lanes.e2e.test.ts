import { appendFile, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbosE2e } from './dbos-e2e-fixture.js';
import {
  cli,
  journaledNonces,
  journalSnapshot,
  rejournaled,
  repeatedCalls,
  run,
  STATUS_OF_VERDICT,
  startDbosE2e,
  waitFor,
} from './dbos-e2e-fixture.js';

let e2e: DbosE2e;

beforeAll(async () => {
  e2e = await startDbosE2e();
}, 60_000);

afterAll(async () => {
  await e2e?.close();
});

async function submit(cwd: string, databaseUrl: string, intentPath: string): Promise<void> {
  await run(
    process.execPath,
    [cli, 'mission', 'run', intentPath, '--engine', 'dbos', '--detach', '--no-record'],
    {
      cwd,
      env: e2e.environment({ DATABASE_URL: databaseUrl }),
    },
  );
}

async function workflowEnd(db: pg.Pool, missionId: string): Promise<{ status: string; executor_id: string }> {
  return waitFor('the mission workflow to end', async () => {
    const found = await db.query<{ status: string; executor_id: string }>(
      'SELECT status, executor_id FROM dbos.workflow_status WHERE workflow_uuid = $1',
      [`mission:${missionId}`],
    );
    const row = found.rows[0];
    return row !== undefined && row.status !== 'PENDING' && row.status !== 'ENQUEUED' ? row : undefined;
  });
}

/**
 * Most lane attempts of the mission in flight at once, from its receipts in chain order (the chain
 * is serialised per mission, so `seq` orders every worker's receipts): an attempt is in flight from
 * its `lane_start` until its `yield` phase (or a failed `lane_end`).
 */
async function lanePeak(db: pg.Pool, missionId: string): Promise<{ peak: number; attempts: number }> {
  const receipts = await db.query<{ phase: string; lane_id: string }>(
    `SELECT (line::json)->>'phase' AS phase, (line::json)->>'lane_id' AS lane_id
     FROM swarmlord_dbos.receipts WHERE mission_id = $1 ORDER BY seq`,
    [missionId],
  );
  let inFlight = 0;
  let peak = 0;
  let attempts = 0;
  for (const { phase } of receipts.rows) {
    if (phase === 'lane_start') {
      attempts += 1;
      peak = Math.max(peak, ++inFlight);
    } else if (phase === 'yield' || phase === 'lane_end') inFlight -= 1;
  }
  return { peak, attempts };
}

describe('DBOS lane queue and status', () => {
  it('lane_concurrency 2 with 6 lanes: never more than 2 lane attempts in flight over a worker that takes 6 at once', async () => {
    const databaseUrl = await e2e.postgres.createDatabase();
    const cwd = await e2e.workingDirectory();
    const limited = await e2e.newMission(cwd, 'Where are webhooks verified?', ['--lanes', '6']);
    await appendFile(resolve(cwd, limited.intentPath), 'lane_concurrency: 2\n');
    const open = await e2e.newMission(cwd, 'Where are sessions checked?', ['--lanes', '6']);
    await e2e.startWorker(databaseUrl, cwd, { concurrency: 6 });
    const db = e2e.pool(databaseUrl);

    await submit(cwd, databaseUrl, limited.intentPath);
    expect((await workflowEnd(db, limited.missionId)).status).toBe('SUCCESS');
    const limitedPeak = await lanePeak(db, limited.missionId);
    await submit(cwd, databaseUrl, open.intentPath);
    expect((await workflowEnd(db, open.missionId)).status).toBe('SUCCESS');
    const openPeak = await lanePeak(db, open.missionId);
    process.stderr.write(
      `dbos e2e: lane attempts in flight at most ${limitedPeak.peak} of ${limitedPeak.attempts} with lane_concurrency 2, ${openPeak.peak} of ${openPeak.attempts} without\n`,
    );
    expect(limitedPeak.attempts).toBeGreaterThanOrEqual(6);
    expect(limitedPeak.peak).toBeLessThanOrEqual(2);
    // The same worker runs more than 2 of a mission's lanes at once when the intent does not limit them.
    expect(openPeak.peak).toBeGreaterThan(2);
    // Each limited lane attempt was on the partitioned queue of its limit, in the mission's partition.
    const lanes = await db.query<{ queue_name: string; queue_partition_key: string | null; status: string }>(
      'SELECT queue_name, queue_partition_key, status FROM dbos.workflow_status WHERE workflow_uuid LIKE $1',
      [`lane:${limited.missionId}:%`],
    );
    expect(lanes.rows.length).toBeGreaterThanOrEqual(6);
    for (const lane of lanes.rows)
      expect(lane).toEqual({
        queue_name: 'swarmlord-lanes-limit-2',
        queue_partition_key: limited.missionId,
        status: 'SUCCESS',
      });
    const queue = await db.query<{ partition_concurrency: number | null }>(
      'SELECT partition_concurrency FROM dbos.queues WHERE name = $1',
      ['swarmlord-lanes-limit-2'],
    );
    expect(queue.rows[0]?.partition_concurrency).toBe(2);
  }, 300_000);

  it('the only worker is SIGKILLed: show says interrupted and to start a worker (not mission resume); a new worker finishes it as the same run', async () => {
    const databaseUrl = await e2e.postgres.createDatabase();
    const cwd = await e2e.workingDirectory();
    const { missionId, intentPath } = await e2e.newMission(cwd, 'Where are webhooks verified?');
    const first = await e2e.startWorker(databaseUrl, cwd);
    await submit(cwd, databaseUrl, intentPath);
    const db = e2e.pool(databaseUrl);
    await waitFor('three model calls of the mission', async () => {
      const calls = await db.query<{ count: string }>(
        `SELECT count(*) AS count FROM swarmlord_dbos.journal_steps WHERE mission_id = $1 AND record::text LIKE '%"model-call"%'`,
        [missionId],
      );
      return Number(calls.rows[0]?.count ?? 0) >= 3 ? true : undefined;
    });
    const exited = new Promise((resolveExit) => first.child.once('exit', resolveExit));
    first.child.kill('SIGKILL');
    await exited;
    const requestsAtKill = e2e.seen.length;
    const stepsAtKill = await journalSnapshot(db, missionId);
    const journaled = await db.query<{ record: string }>(
      `SELECT record::text AS record FROM swarmlord_dbos.journal_steps WHERE mission_id = $1`,
      [missionId],
    );
    const nonces = new Set(journaled.rows.flatMap((row) => row.record.match(/reply-\d+-n/g) ?? []));
    const completed = new Set(e2e.seen.filter((entry) => nonces.has(entry.nonce)).map((entry) => entry.hash));

    const interrupted = await waitFor(
      'mission show to call the mission interrupted',
      async () => {
        const shown = await e2e.showStatus(cwd, databaseUrl, missionId);
        return shown.status === 'interrupted' ? shown : undefined;
      },
      60_000,
    );
    expect(interrupted.resumeCommand).toBe('swarmlord worker');
    expect(interrupted.statusReason).toContain(`worker ${first.executorId}`);
    const text = await run(process.execPath, [cli, 'mission', 'show', missionId], {
      cwd,
      env: e2e.environment({ DATABASE_URL: databaseUrl }),
    });
    expect(text.stdout).toContain('to continue: swarmlord worker');
    expect(text.stdout).not.toContain('mission resume');

    // What the advice says works: a new worker takes the dead one's workflow over and finishes it.
    const second = await e2e.startWorker(databaseUrl, cwd);
    const end = await workflowEnd(db, missionId);
    expect(end).toEqual({ status: 'SUCCESS', executor_id: second.executorId });
    const stepsAtEnd = await journalSnapshot(db, missionId);
    const repeated = repeatedCalls(e2e.seen.slice(requestsAtKill), completed, journaledNonces(stepsAtEnd));
    process.stderr.write(
      `dbos e2e: lone worker killed after ${completed.size} completed calls; ${repeated.length} asked again after the takeover\n`,
    );
    expect(repeated).toEqual([]);
    expect(rejournaled(stepsAtKill, stepsAtEnd)).toEqual([]);
    const digest = JSON.parse(await readFile(join(cwd, 'hfo_digests', missionId, 'digest.json'), 'utf8')) as {
      verdict: string;
    };
    const shown = await e2e.showStatus(cwd, databaseUrl, missionId);
    expect(shown).toMatchObject({ status: STATUS_OF_VERDICT[digest.verdict], runs: 1, resumes: 1 });
    expect(shown.resumeCommand).toBeUndefined();
  }, 300_000);
});
