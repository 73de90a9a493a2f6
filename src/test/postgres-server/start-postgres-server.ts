import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { DEFAULT_POSTGRES_BIN_DIR } from './postgres-binaries.js';

const run = promisify(execFile);

/** A throwaway PostgreSQL cluster on 127.0.0.1. */
export interface PostgresServer {
  readonly host: string;
  readonly port: number;
  /** The superuser (`postgres`) and its password (TCP connections need it: scram-sha-256). */
  readonly user: string;
  readonly password: string;
  /** A connection URL for `database` (default `postgres`). */
  url(database?: string): string;
  /** Creates a fresh, empty database and returns its URL: one per test keeps tests apart cheaply. */
  createDatabase(): Promise<string>;
  /** Fast shutdown, then removes the cluster's directory. */
  stop(): Promise<void>;
}

export interface StartPostgresServerOptions {
  binDir?: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** `initdb` and `postgres` refuse to run as root, so as root they run as the `postgres` user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

async function serverUserIds(): Promise<{ uid: number; gid: number } | undefined> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: group } = await run('id', ['-g', 'postgres']);
  return { uid: Number(stdout.trim()), gid: Number(group.trim()) };
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`postgres exited (${child.exitCode}) before accepting connections:\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline)
        throw new Error(`postgres did not accept connections in 30 s: ${String(error)}\n${log()}`);
      await new Promise((resolveDelay) => setTimeout(resolveDelay, 100));
    }
  }
}

/**
 * Starts a PostgreSQL cluster for tests: `initdb` in a temp dir the server user can write, a free
 * port on 127.0.0.1, the socket in the temp dir (never `/var/run/postgresql`), fsync off (the
 * cluster is thrown away). Start it once per test file and call `createDatabase` per test.
 *
 * @example
 * const server = await startPostgresServer();
 * const url = await server.createDatabase();
 * await server.stop();
 */
export async function startPostgresServer(options: StartPostgresServerOptions = {}): Promise<PostgresServer> {
  const binDir = options.binDir ?? DEFAULT_POSTGRES_BIN_DIR;
  const root = await mkdtemp(join(tmpdir(), 'swarmlord-pg-'));
  const dataDir = join(root, 'data');
  const socketDir = join(root, 'socket');
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const ids = await serverUserIds();
  await chmod(root, 0o700);
  if (ids) await chown(root, ids.uid, ids.gid);
  const passwordFile = join(root, 'password');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (ids) await chown(passwordFile, ids.uid, ids.gid);
  const [initdb, initdbArgs] = asServerUser(join(binDir, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    `--pwfile=${passwordFile}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '--encoding=UTF8',
    '--no-sync',
  ]);
  try {
    await run(initdb, initdbArgs, { cwd: root });
    await run(...asServerUser('mkdir', ['-p', socketDir]));
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }

  const port = await freePort();
  const [postgres, postgresArgs] = asServerUser(join(binDir, 'postgres'), [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-k',
    socketDir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
  ]);
  const child = spawn(postgres, postgresArgs, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const url = (database = 'postgres') =>
    `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  let databases = 0;
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null) {
      // runuser may not forward signals: signal the postmaster itself (fast shutdown).
      const pid = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').then(
        (text) => Number(text.split('\n')[0]),
        () => undefined,
      );
      if (pid !== undefined && Number.isInteger(pid)) process.kill(pid, 'SIGINT');
      else child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(root, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url(), child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    url,
    async createDatabase() {
      databases += 1;
      const name = `test_${process.pid}_${databases}`;
      const admin = new pg.Client({ connectionString: url() });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    stop,
  };
}
