import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io.js';
import { runSsotCheck } from './ssot-command.js';

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function check(cwd: string, paths: string[]) {
  const stdout = collector();
  const stderr = collector();
  const io: CliIo = { stdout: stdout.stream, stderr: stderr.stream, cwd, env: {} };
  const exitCode = await runSsotCheck(paths, {}, io);
  return { stdout: stdout.text(), stderr: stderr.text(), exitCode };
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'swarmlord-ssot-project-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

const defs = 'package Defs { public import ScalarValues::*; part def Engine { attribute power : Real; } }\n';
const uses = 'package Uses { private import Defs::*; part car { part engine : Engine; } }\n';

describe('ssot check [PATH…]', () => {
  it('checks two files with a cross-file import as one model', async () => {
    const dir = await project({ 'models/defs.sysml': defs, 'models/uses.sysml': uses });
    const result = await check(dir, ['models/defs.sysml', 'models/uses.sysml']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^ssot check: 3 files, 0 errors, 0 warnings, /);
    expect(result.exitCode).toBe(0);
  });

  it('takes a directory: every .sysml file below it', async () => {
    const dir = await project({ 'models/a/defs.sysml': defs, 'models/b/uses.sysml': uses });
    const result = await check(dir, ['models']);
    expect(result.stdout).toMatch(/^ssot check: 3 files, 0 errors/);
  });

  it('checks every .sysml file under ssot/ without arguments', async () => {
    const dir = await project({ 'ssot/defs.sysml': defs, 'ssot/more/uses.sysml': uses });
    const result = await check(dir, []);
    expect(result.stdout).toMatch(/^ssot check: 3 files, 0 errors/);
  });

  it('reports a name the other files do not declare at file:line:col', async () => {
    const dir = await project({ 'models/uses.sysml': uses });
    const result = await check(dir, ['models']);
    expect(result.stderr).toContain("models/uses.sysml:1:31: error: unresolved name 'Defs'");
    expect(result.exitCode).toBe(1);
  });
});
