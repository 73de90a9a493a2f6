import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, runBuiltCli, SAMPLE_WORKSPACE } from '../test/run-built-cli.js';

let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-resume-early-'));
  await cp(SAMPLE_WORKSPACE, join(cwd, 'ws'), { recursive: true });
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

/** `mission run` SIGKILLed right after its first receipt batch (mission_start) is written: before any journal. */
function runKilledAfterStart(intentPath: string): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BUILT_CLI, 'mission', 'run', intentPath], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', SWARMLORD_MODEL: '', SWARMLORD_FAULT_KILL_AT: 'batch-written' },
    });
    child.on('close', (_code, signal) => resolve(signal));
  });
}

describe('mission resume of a mission killed before its journal was written', () => {
  it('says what it does and runs the intent the mission started with, to a full digest', async () => {
    const created = await runBuiltCli(
      ['mission', 'new', 'Where are webhooks verified?', '--workspace', 'ws', '--yes', '--json'],
      cwd,
    );
    expect(created.code).toBe(0);
    const { mission_id: missionId, path } = JSON.parse(created.stdout) as {
      mission_id: string;
      path: string;
    };
    expect(await runKilledAfterStart(path)).toBe('SIGKILL');
    // The start receipt is there, no journal is: show's advice must hold.
    expect(await readdir(join(cwd, 'hfo_journal', missionId))).not.toContain('journal.json');
    const shown = await runBuiltCli(['mission', 'show', missionId], cwd);
    expect(shown.stdout).toContain(`to continue: swarmlord mission resume ${missionId}`);

    const resumed = await runBuiltCli(['mission', 'resume', missionId, '--json'], cwd);
    expect(resumed.stderr).toContain('stopped before its journal was written');
    expect(resumed.code).toBe(0);
    const digest = JSON.parse(resumed.stdout) as { mission_id: string; verdict: string; partial?: boolean };
    expect([digest.mission_id, digest.verdict, digest.partial === true]).toEqual([missionId, 'PASS', false]);
    const audit = await runBuiltCli(['audit'], cwd);
    expect(audit.stdout).toContain('hash chain intact');
    // Once finished, resume changes nothing.
    const board = await readFile(join(cwd, 'hfo_blackboard', 'obsidian_synapse_blackboard.jsonl'), 'utf8');
    expect((await runBuiltCli(['mission', 'resume', missionId], cwd)).stdout).toContain('already finished');
    expect(await readFile(join(cwd, 'hfo_blackboard', 'obsidian_synapse_blackboard.jsonl'), 'utf8')).toBe(
      board,
    );
  }, 120_000);

  it('still refuses a mission the blackboard never saw start', async () => {
    const outcome = await runBuiltCli(['mission', 'resume', 'mi_2026-01-01_abcdef'], cwd);
    expect(outcome.code).not.toBe(0);
    expect(outcome.stderr).toContain('nothing to resume');
  });
});
