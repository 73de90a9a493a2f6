import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileJournal } from '../durable/index.js';
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

describe('missions on DBOS workers', () => {
  it('two workers share the queue; the one running the mission is SIGKILLed; the other finishes it without repeating a completed call; the export audits; the verdict is the embedded one', async () => {
    const databaseUrl = await e2e.postgres.createDatabase();
    const cwd = await e2e.workingDirectory();
    const { missionId, intentPath } = await e2e.newMission(cwd, 'Where are webhooks verified?');
    // The embedded runtime on the same intent and scripted server.
    const embedded = await e2e.workingDirectory();
    await cp(join(cwd, 'hfo_mission_intent'), join(embedded, 'hfo_mission_intent'), { recursive: true });
    await run(process.execPath, [cli, 'mission', 'run', intentPath, '--no-record', '--json'], {
      cwd: embedded,
      env: e2e.environment({ SWARMLORD_STORE: 'off' }),
    });
    const embeddedDigest = JSON.parse(
      await readFile(join(embedded, 'hfo_digests', missionId, 'digest.json'), 'utf8'),
    ) as { verdict: string; partial: boolean };
    expect(embeddedDigest.partial).toBe(false);
    const expected = embeddedDigest.verdict;
    const embeddedRequests = e2e.seen.length;

    const workers = [await e2e.startWorker(databaseUrl, cwd), await e2e.startWorker(databaseUrl, cwd)];
    const submit = async () =>
      run(
        process.execPath,
        [cli, 'mission', 'run', intentPath, '--engine', 'dbos', '--detach', '--no-record'],
        { cwd, env: e2e.environment({ DATABASE_URL: databaseUrl }) },
      );
    const submitted = await submit();
    expect(submitted.stdout.trim()).toBe(missionId);
    // A duplicate submission is the same workflow.
    expect((await submit()).stdout.trim()).toBe(missionId);

    const db = e2e.pool(databaseUrl);
    const owner = await waitFor('three model calls of the mission', async () => {
      const calls = await db.query<{ count: string }>(
        `SELECT count(*) AS count FROM swarmlord_dbos.journal_steps WHERE mission_id = $1 AND record::text LIKE '%"model-call"%'`,
        [missionId],
      );
      if (Number(calls.rows[0]?.count ?? 0) < 3) return undefined;
      const status = await db.query<{ executor_id: string }>(
        'SELECT executor_id FROM dbos.workflow_status WHERE workflow_uuid = $1',
        [`mission:${missionId}`],
      );
      return status.rows[0]?.executor_id;
    });
    const victim = workers.find((worker) => worker.executorId === owner);
    const survivor = workers.find((worker) => worker.executorId !== owner);
    expect(victim, `owner ${owner}`).toBeDefined();
    const victimExit = new Promise<NodeJS.Signals | null>((resolveExit) =>
      victim?.child.once('exit', (_code, signal) => resolveExit(signal)),
    );
    victim?.child.kill('SIGKILL');
    const killedAt = Date.now();
    // Calls whose answer was journaled before the kill completed: none may be asked again.
    // Read after the victim is gone, so nothing it journals afterwards is missed.
    expect(await victimExit).toBe('SIGKILL');
    const requestsAtKill = e2e.seen.length;
    const stepsAtKill = await journalSnapshot(db, missionId);
    const journaled = await db.query<{ record: string }>(
      `SELECT record::text AS record FROM swarmlord_dbos.journal_steps WHERE mission_id = $1`,
      [missionId],
    );
    const nonces = new Set(journaled.rows.flatMap((row) => row.record.match(/reply-\d+-n/g) ?? []));
    const completed = new Set(e2e.seen.filter((entry) => nonces.has(entry.nonce)).map((entry) => entry.hash));
    expect(completed.size).toBeGreaterThanOrEqual(3);

    const finished = await waitFor('the mission workflow to finish on the other worker', async () => {
      const status = await db.query<{ status: string; executor_id: string }>(
        'SELECT status, executor_id FROM dbos.workflow_status WHERE workflow_uuid = $1',
        [`mission:${missionId}`],
      );
      const row = status.rows[0];
      return row !== undefined && row.status !== 'PENDING' && row.status !== 'ENQUEUED' ? row : undefined;
    });
    expect(finished.status).toBe('SUCCESS');
    // The mission completed on the survivor, not on the killed worker.
    expect(finished.executor_id).toBe(survivor?.executorId);
    expect(finished.executor_id).not.toBe(victim?.executorId);
    const after = e2e.seen.slice(requestsAtKill);
    const stepsAtEnd = await journalSnapshot(db, missionId);
    const sameBody = after.filter((entry) => completed.has(entry.hash)).length;
    const repeated = repeatedCalls(after, completed, journaledNonces(stepsAtEnd));
    // Reported, not asserted (a noisy machine): the server's counts and the time to finish after the kill.
    process.stderr.write(
      `dbos e2e: server saw ${embeddedRequests} embedded + ${e2e.seen.length - embeddedRequests} DBOS requests (${requestsAtKill - embeddedRequests} before the kill, ${after.length} after); ${completed.size} completed before the kill, ${sameBody} later requests with one of their bodies, ${repeated.length} of those not kept by a step of their own (repeats); finished ${Date.now() - killedAt} ms after the kill\n`,
    );
    // No completed call repeated, counted at the server, and no step journaled before the kill journaled again.
    expect(repeated).toEqual([]);
    expect(stepsAtKill.size).toBeGreaterThanOrEqual(3);
    expect(rejournaled(stepsAtKill, stepsAtEnd)).toEqual([]);
    // A completed call asked again under a diverged step key is kept by a second step: no body may be
    // kept by more steps than the embedded run sent it (once, for a body only this run could send).
    const embeddedSent = new Map<string, number>();
    for (const entry of e2e.seen.slice(0, embeddedRequests))
      embeddedSent.set(entry.hash, (embeddedSent.get(entry.hash) ?? 0) + 1);
    const kept = journaledNonces(stepsAtEnd);
    const keptBy = new Map<string, number>();
    for (const entry of e2e.seen.slice(embeddedRequests))
      if (kept.has(entry.nonce)) keptBy.set(entry.hash, (keptBy.get(entry.hash) ?? 0) + 1);
    expect([...keptBy].filter(([hash, steps]) => steps > Math.max(1, embeddedSent.get(hash) ?? 0))).toEqual(
      [],
    );
    // The takeover reached the very step ids the embedded run did (a resume that numbers a call
    // differently finds it unjournaled and asks again).
    const embeddedIds = new Set(
      (await createFileJournal({ cwd: embedded, missionId }).steps()).map((step) => step.id),
    );
    const dbosIds = [...stepsAtEnd.keys()];
    expect({
      onlyOnDbos: dbosIds.filter((id) => !embeddedIds.has(id)),
      onlyEmbedded: [...embeddedIds].filter((id) => !stepsAtEnd.has(id)),
    }).toEqual({ onlyOnDbos: [], onlyEmbedded: [] });
    // Each lane attempt was a child workflow of the mission on the lane queue, all finished.
    const lanes = await db.query<{ workflow_uuid: string; status: string; queue_name: string }>(
      'SELECT workflow_uuid, status, queue_name FROM dbos.workflow_status WHERE workflow_uuid LIKE $1 ORDER BY workflow_uuid',
      [`lane:${missionId}:%`],
    );
    expect(lanes.rows.length).toBeGreaterThanOrEqual(2);
    for (const lane of lanes.rows)
      expect([lane.status, lane.queue_name]).toEqual(['SUCCESS', 'swarmlord-lanes']);

    // The same verdict as the embedded runtime on the same intent and scripted answers.
    const digest = JSON.parse(await readFile(join(cwd, 'hfo_digests', missionId, 'digest.json'), 'utf8')) as {
      verdict: string;
      partial: boolean;
    };
    expect(digest.partial).toBe(false);
    expect(digest.verdict).toBe(expected);

    // The takeover re-ran the mission code (a second mission_start, marked resume): one run, resumed.
    const starts = await db.query<{ resume: string | null }>(
      `SELECT (line::json)->'data'->>'resume' AS resume FROM swarmlord_dbos.receipts WHERE mission_id = $1 AND (line::json)->>'phase' = 'mission_start' ORDER BY seq`,
      [missionId],
    );
    expect(starts.rows.map((row) => row.resume)).toEqual([null, 'true']);
    const shown = await e2e.showStatus(cwd, databaseUrl, missionId);
    expect(shown).toMatchObject({
      status: STATUS_OF_VERDICT[expected],
      verdict: expected,
      runs: 1,
      resumes: 1,
    });

    // The exported receipts pass audit (hash chain and the end anchor with the digest's sha256).
    const exported = join(cwd, 'exported.jsonl');
    await run(process.execPath, [cli, 'blackboard', 'export', '--mission', missionId, '--output', exported], {
      cwd,
      env: e2e.environment({ DATABASE_URL: databaseUrl }),
    });
    const audit = await run(process.execPath, [cli, 'audit', exported], { cwd, env: e2e.environment() });
    expect(audit.code).toBe(0);
    expect(audit.stdout).toContain('hash chain intact');
  }, 300_000);

  it('a worker of another build does not take the mission; a worker of this build does', async () => {
    const databaseUrl = await e2e.postgres.createDatabase();
    const cwd = await e2e.workingDirectory();
    const { missionId, intentPath } = await e2e.newMission(cwd, 'Where are sessions checked?');
    const other = await e2e.startWorker(databaseUrl, cwd, {
      env: { SWARMLORD_APP_VERSION: 'swarmlord-another-build' },
    });
    const submitted = await run(
      process.execPath,
      [cli, 'mission', 'run', intentPath, '--engine', 'dbos', '--detach', '--json', '--no-record'],
      { cwd, env: e2e.environment({ DATABASE_URL: databaseUrl }) },
    );
    expect(JSON.parse(submitted.stdout)).toEqual({
      mission_id: missionId,
      workflow_id: `mission:${missionId}`,
    });
    const db = e2e.pool(databaseUrl);
    const status = async () =>
      (
        await db.query<{ status: string; executor_id: string | null; application_version: string }>(
          'SELECT status, executor_id, application_version FROM dbos.workflow_status WHERE workflow_uuid = $1',
          [`mission:${missionId}`],
        )
      ).rows[0];
    {
      // The other build polls its queues many times over (every 100 ms) in this window.
      await new Promise((resolveWait) => setTimeout(resolveWait, 3000));
      const waiting = await status();
      expect(waiting?.status).toBe('ENQUEUED');
      expect(waiting?.application_version).not.toBe('swarmlord-another-build');
      const same = await e2e.startWorker(databaseUrl, cwd);
      // From the store, caught up from the receipts table: running while its workflow is live on a beating worker.
      await waitFor('the mission to start on the worker of this build', async () => {
        const row = await status();
        const receipts = await db.query<{ count: string }>(
          'SELECT count(*) AS count FROM swarmlord_dbos.receipts WHERE mission_id = $1',
          [missionId],
        );
        return row?.status === 'PENDING' && Number(receipts.rows[0]?.count ?? 0) > 0 ? true : undefined;
      });
      const live = await e2e.showStatus(cwd, databaseUrl, missionId);
      const phases = await db.query<{ phase: string }>(
        `SELECT (line::json)->>'phase' AS phase FROM swarmlord_dbos.receipts WHERE mission_id = $1 ORDER BY seq`,
        [missionId],
      );
      const shownPhases = JSON.stringify({ live, phases: phases.rows.map((row) => row.phase) });
      expect(live.status, shownPhases).toBe('running');
      expect(live.statusReason, shownPhases).toContain(`worker ${same.executorId}`);
      const done = await waitFor('the mission on the worker of this build', async () => {
        const row = await status();
        return row?.status === 'SUCCESS' ? row : undefined;
      });
      expect(done.executor_id).toBe(same.executorId);
      expect(done.executor_id).not.toBe(other.executorId);
      const digest = JSON.parse(
        await readFile(join(cwd, 'hfo_digests', missionId, 'digest.json'), 'utf8'),
      ) as { verdict: string };
      const shown = await e2e.showStatus(cwd, databaseUrl, missionId);
      expect(shown.status).toBe(STATUS_OF_VERDICT[digest.verdict]);
    }
  }, 300_000);
});
