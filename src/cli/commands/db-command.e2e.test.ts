import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresServer } from '../../test/postgres-server/index.js';
import { findPostgresBinaries, startPostgresServer } from '../../test/postgres-server/index.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../../dist/cli/main.js', import.meta.url));
const sample = fileURLToPath(new URL('../../../examples/sample-service', import.meta.url));

async function swarmlord(cwd: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', SWARMLORD_DEBUG: '', DATABASE_URL: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const binaries = findPostgresBinaries();
let server: PostgresServer | undefined;
const roots: string[] = [];
beforeAll(async () => {
  if (binaries.available) server = await startPostgresServer({ binDir: binaries.binDir });
});
afterAll(async () => {
  await server?.stop();
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

async function project(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-db-e2e-'));
  roots.push(cwd);
  await cp(sample, join(cwd, 'sample'), { recursive: true });
  return cwd;
}

const adapters: Array<[string, () => Promise<Record<string, string>>]> = [['PGlite', async () => ({})]];
if (binaries.available) {
  adapters.push(['PostgreSQL 15', async () => ({ DATABASE_URL: (await server?.createDatabase()) ?? '' })]);
} else process.stderr.write(`skipping the PostgreSQL e2e half: ${binaries.reason}\n`);

describe.each(adapters)('swarmlord mission ls / db (built CLI, %s)', (_name, environment) => {
  it('lists two missions with their verdicts, shows one, rebuilds, and syncs the SSOT once', async () => {
    const cwd = await project();
    const env = await environment();
    for (const objective of ['Map the architecture and risks', 'Where are sessions checked?']) {
      const mission = await swarmlord(
        cwd,
        ['run', objective, '--workspace', 'sample', '--yes', '--json'],
        env,
      );
      expect(mission.code).toBe(0);
    }
    const listed = await swarmlord(cwd, ['mission', 'ls', '--json'], env);
    expect(listed.code).toBe(0);
    const missions = JSON.parse(listed.stdout) as Array<{ id: string; verdict: string; objective: string }>;
    expect(missions.map((mission) => [mission.objective, mission.verdict])).toEqual([
      ['Where are sessions checked?', 'PASS'],
      ['Map the architecture and risks', 'PASS'],
    ]);
    const text = await swarmlord(cwd, ['mission', 'ls', '--status', 'passed'], env);
    expect(text.stdout).toMatch(/ID\s+STATUS\s+VERDICT/);
    const shown = await swarmlord(cwd, ['mission', 'show', missions[0]?.id ?? ''], env);
    for (const field of [
      'intent',
      'verdict       PASS',
      'rate',
      'tokens',
      'cost',
      'digest        hfo_digests/',
      'blackboard    hfo_blackboard/',
    ])
      expect(shown.stdout).toContain(field);
    expect(shown.stdout).toMatch(/seq \d+–\d+, last hash [0-9a-f]{64}/);
    const rebuilt = await swarmlord(cwd, ['db', 'rebuild', '--json'], env);
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({ missions: 2 });
    expect(JSON.parse((await swarmlord(cwd, ['mission', 'ls', '--json'], env)).stdout)).toEqual(missions);
    expect((await swarmlord(cwd, ['mission', 'show', 'mi_nope'], env)).code).toBe(2);

    const synced = await swarmlord(cwd, ['db', 'sync'], env);
    expect(synced.stdout).toMatch(/Wrote and applied migrations\/\d{8}T\d{6}Z_create_evidence_ref/);
    expect((await swarmlord(cwd, ['db', 'status'], env)).code).toBe(0);
    expect((await swarmlord(cwd, ['db', 'sync'], env)).stdout).toContain('nothing to do');
    await mkdir(join(cwd, 'ssot'), { recursive: true });
    await writeFile(
      join(cwd, 'ssot', 'HFO_SSOT.sysml'),
      'item def Ticket { attribute title : ScalarValues::String; }\n',
    );
    const status = await swarmlord(cwd, ['db', 'status'], env);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('+ table ticket');
    const dry = await swarmlord(cwd, ['db', 'sync', '--dry-run'], env);
    expect(dry.stdout).toContain('CREATE TABLE "ticket"');
    expect(await readdir(join(cwd, 'migrations'))).toHaveLength(1);
    await swarmlord(cwd, ['db', 'sync'], env);
    expect(await readdir(join(cwd, 'migrations'))).toHaveLength(2);
    await writeFile(
      join(cwd, 'ssot', 'HFO_SSOT.sysml'),
      'item def Other { attribute title : ScalarValues::String; }\n',
    );
    const destructive = await swarmlord(cwd, ['db', 'sync'], env);
    expect(destructive.code).toBe(2);
    expect(destructive.stderr).toMatch(/^swarmlord: .*--allow-destructive.*\n$/);
  }, 300_000);
});

describe('bad DATABASE_URL (built CLI)', () => {
  it('no answer: one clear line, exit 2, and the mission does not start', async () => {
    const cwd = await project();
    const env = { DATABASE_URL: 'postgresql://me:secret@127.0.0.1:1/none' };
    const listed = await swarmlord(cwd, ['mission', 'ls'], env);
    expect(listed.code).toBe(2);
    expect(listed.stderr).toMatch(
      /^swarmlord: no PostgreSQL server answers at postgresql:\/\/me@127\.0\.0\.1:1\/none .*\n$/,
    );
    expect(listed.stderr).not.toContain('secret');
    const mission = await swarmlord(cwd, ['run', 'Map it', '--workspace', 'sample', '--yes', '--json'], env);
    expect(mission.code).toBe(2);
    expect(mission.stderr).toContain('no PostgreSQL server answers');
    expect(await readdir(cwd)).not.toContain('hfo_digests');
    expect(
      (await swarmlord(cwd, ['db', 'status'], { DATABASE_URL: 'mysql://x@127.0.0.1/db' })).stderr,
    ).toMatch(/^swarmlord: DATABASE_URL must start with postgresql:\/\//);
  }, 120_000);

  it.skipIf(!binaries.available)(
    'wrong credentials: one clear line, exit 2',
    async () => {
      const cwd = await project();
      const url = (await server?.createDatabase())?.replace(server?.password ?? '', 'wrong') ?? '';
      const result = await swarmlord(cwd, ['db', 'status'], { DATABASE_URL: url });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^swarmlord: PostgreSQL at .* refused the credentials in DATABASE_URL .*\n$/,
      );
      expect(result.stderr).not.toContain('wrong');
    },
    60_000,
  );
});
