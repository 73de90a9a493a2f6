import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresServer } from './index.js';
import { findPostgresBinaries, startPostgresServer } from './index.js';

const binaries = findPostgresBinaries();
if (!binaries.available) process.stderr.write(`skipping real PostgreSQL tests: ${binaries.reason}\n`);

describe('findPostgresBinaries', () => {
  it('skips with a reason where the binaries are absent, and fails instead in CI', () => {
    const absent = findPostgresBinaries({ SWARMLORD_POSTGRES_BIN_DIR: '/nonexistent' });
    expect(absent).toMatchObject({ available: false, reason: expect.stringContaining('initdb, postgres') });
    expect(() => findPostgresBinaries({ SWARMLORD_POSTGRES_BIN_DIR: '/nonexistent', CI: 'true' })).toThrow(
      /CI=true/,
    );
  });
});

describe.skipIf(!binaries.available)('startPostgresServer (real PostgreSQL 15)', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgresServer(binaries.available ? { binDir: binaries.binDir } : {});
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('serves fresh databases on 127.0.0.1 and refuses a wrong password', async () => {
    const first = await server.createDatabase();
    const second = await server.createDatabase();
    expect(first).not.toBe(second);
    const client = new pg.Client({ connectionString: first });
    await client.connect();
    const { rows } = await client.query<{ version: string }>('SELECT version()');
    await client.end();
    expect(rows[0]?.version).toMatch(/^PostgreSQL 15\./);
    const wrong = new pg.Client({ connectionString: first.replace(server.password, 'wrong') });
    await expect(wrong.connect()).rejects.toMatchObject({ code: '28P01' });
    await wrong.end().catch(() => undefined);
  });
});
