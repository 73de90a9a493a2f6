import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReviewBundleFileSchema, VerifyReportSchema } from '../../contracts/index.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../../dist/cli/main.js', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/verify', import.meta.url));
let cwd: string;

async function swarmlord(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', SWARMLORD_DEBUG: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-verify-cli-'));
  await cp(fixtures, cwd, { recursive: true });
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('swarmlord verify (built, as a process)', () => {
  it('passes a hand-written claims file in the documented schema: exit 0', async () => {
    const result = await swarmlord(['verify', 'claims.json', '--workspace', 'workspace']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^PASS claims\.json: 2 of 2 claims grounded and supported/);
    expect(result.stdout).toContain(
      'checked: quotes and cited tokens verified; relevance and correctness not judged (no language model)',
    );
    expect(result.stdout).toContain('GROUNDED     crewai-researcher/c1 [src/pool.js:4-4 VERIFIED]');
  });

  it('prints the report as JSON with --json', async () => {
    const result = await swarmlord(['verify', 'claims.json', '--workspace', 'workspace', '--json']);
    const report = VerifyReportSchema.parse(JSON.parse(result.stdout));
    expect(report.verdict).toBe('PASS');
    expect(report.judged_by).toEqual([]);
  });

  it('exits 1 on FAIL naming the unsupported token, and 3 on CAUTION', async () => {
    const failed = await swarmlord(['verify', 'claims-fail.json', '--workspace', 'workspace']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(
      'UNSUPPORTED  agent/lie [src/pool.js:4-4 VERIFIED] — not supported by its evidence: number "100"',
    );
    const caution = await swarmlord(['verify', 'claims-caution.json', '--workspace', 'workspace']);
    expect(caution.code).toBe(3);
    expect(caution.stdout).toMatch(/^CAUTION /);
  });

  it('reads a harmless edit (lines inserted above) as RELOCATED, still a PASS', async () => {
    const file = join(cwd, 'moved', 'src', 'pool.js');
    await cp(join(cwd, 'workspace'), join(cwd, 'moved'), { recursive: true });
    await writeFile(file, `// a header comment\n\n${await readFile(file, 'utf8')}`);
    const result = await swarmlord(['verify', 'claims.json', '--workspace', 'moved']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('src/pool.js:4-4 RELOCATED');
  });

  it('exits 2 on bad input, naming the file, the field and line:col without a stack trace', async () => {
    const bad = await swarmlord(['verify', 'claims-bad.json', '--workspace', 'workspace']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('claims-bad.json:7:');
    expect(bad.stderr).toMatch(/claims-bad\.json:\d+:\d+ claims\[0\]\.evidence_refs\[0\]\.lines\[1\]: /);
    expect(bad.stderr).toMatch(/claims-bad\.json:\d+:\d+ claims\[0\]\.confidence: unknown field confidence/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const syntax = await swarmlord(['verify', 'claims-syntax.txt']);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/^claims-syntax\.txt:2:\d+ json: /);
    const missing = await swarmlord(['verify', 'nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json:1:1 (root): cannot be read (ENOENT)');
    const noWorkspace = await swarmlord(['verify', 'claims.json', '--workspace', 'no-such-dir']);
    expect(noWorkspace.code).toBe(2);
  });

  it('prints the bundle JSON Schema, which the claims file satisfies', async () => {
    const result = await swarmlord(['schema', 'bundle']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout) as { $id: string; properties: Record<string, unknown> };
    expect(schema.$id).toBe('urn:swarmlord:schema:review-bundle:v1');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['format', 'claims', 'lanes']));
    ReviewBundleFileSchema.parse(JSON.parse(await readFile(join(cwd, 'claims.json'), 'utf8')));
  });
});
