import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { validateMermaid } from '../../test/validate-mermaid.js';
import type { CliIo } from '../cli-io.js';
import { registerSsotCommand } from './ssot-command.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../../ssot/fixtures');

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

/** Runs `swarmlord ssot …` in-process and returns what it printed and its exit code. */
async function runSsot(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout = collector();
  const stderr = collector();
  const io: CliIo = { stdout: stdout.stream, stderr: stderr.stream, cwd, env };
  const program = new Command().exitOverride();
  registerSsotCommand(program, io);
  await program.parseAsync(['ssot', ...args], { from: 'user' });
  const exitCode = process.exitCode ?? 0;
  process.exitCode = undefined;
  return { stdout: stdout.text(), stderr: stderr.text(), exitCode };
}

const temporaryDirs: string[] = [];
async function temporaryDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ssot-command-'));
  temporaryDirs.push(dir);
  return dir;
}

afterEach(() => {
  process.exitCode = undefined;
});
afterAll(async () => {
  for (const dir of temporaryDirs) await rm(dir, { recursive: true, force: true });
});

describe('ssot check', () => {
  it('passes the default model alone', async () => {
    const result = await runSsot(await temporaryDir(), ['check']);
    expect(result).toEqual({
      stdout: 'ssot check: 1 file, 0 errors, 0 warnings, 9 agents\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('prints files, diagnostics and agents as JSON', async () => {
    const result = await runSsot(join(fixtures, 'user-project'), ['check', '--json'], {
      SWARMLORD_MODEL_OBSERVER: 'openai/gpt-5-mini',
    });
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as {
      files: string[];
      diagnostics: unknown[];
      agents: {
        name: string;
        model: string | null;
        modelSource: string | null;
        requirements: { name: string }[];
      }[];
    };
    expect(report.files).toHaveLength(2);
    expect(report.files[1]).toBe('ssot/HFO_SSOT.sysml');
    expect(report.diagnostics).toEqual([]);
    const reviewer = report.agents.find((agent) => agent.name === 'SecurityReviewerAgent');
    expect(reviewer).toMatchObject({ model: 'deepseek/deepseek-chat', modelSource: 'ssot' });
    expect(reviewer?.requirements.map((requirement) => requirement.name)).toEqual([
      'MustCheckVulnerabilities',
      'RecordReceipts',
      'GroundEveryClaim',
    ]);
    expect(report.agents.find((agent) => agent.name === 'Observer')).toMatchObject({
      model: 'openai/gpt-5-mini',
      modelSource: 'env',
    });
  });

  it('reports each error with file:line:col and exits 1', async () => {
    const result = await runSsot(join(fixtures, 'broken-project'), ['check']);
    expect(result.exitCode).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(/^ssot\/HFO_SSOT\.sysml:\d+:\d+: (error|warning): \S/);
    expect(result.stderr).toMatch(/^ssot\/HFO_SSOT\.sysml:5:\d+: error: .*NoSuchArtifact/m);
    expect(result.stderr).toMatch(/^ssot\/HFO_SSOT\.sysml:9:\d+: error: /m);
    expect(result.stdout).toMatch(/^ssot check: 2 files, \d+ errors?, /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('keeps --json parseable when the model has errors', async () => {
    const result = await runSsot(join(fixtures, 'broken-project'), ['check', '--json']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as {
      diagnostics: { line: number; column: number; code: string }[];
    };
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ line: 5, code: 'unresolved-name' }));
  });

  it('exits 0 when the model has only warnings', async () => {
    const dir = await temporaryDir();
    const file = join(dir, 'bare-import.sysml');
    await writeFile(file, 'package P {\n    import HFO_SSOT::*;\n    part def X :> Agent;\n}\n');
    const result = await runSsot(dir, ['check', 'bare-import.sysml']);
    expect(result.stderr).toMatch(/^bare-import\.sysml:2:5: warning: /);
    expect(result.stdout).toContain('0 errors, 1 warning, 10 agents');
    expect(result.exitCode).toBe(0);
  });

  it('names a missing FILE in one line and exits 2', async () => {
    const result = await runSsot(await temporaryDir(), ['check', 'nope.sysml']);
    expect(result).toEqual({ stdout: '', stderr: 'swarmlord: no such SSOT file: nope.sysml\n', exitCode: 2 });
  });
});

describe('ssot diagrams', () => {
  it('writes valid mermaid diagrams and an index into ssot/diagrams', async () => {
    const dir = await temporaryDir();
    const result = await runSsot(dir, ['diagrams']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean)).toEqual([
      'ssot/diagrams/class-diagram.mmd',
      'ssot/diagrams/requirement-diagram.mmd',
      'ssot/diagrams/index.md',
    ]);
    await validateMermaid(await readFile(join(dir, 'ssot/diagrams/class-diagram.mmd'), 'utf8'));
    await validateMermaid(await readFile(join(dir, 'ssot/diagrams/requirement-diagram.mmd'), 'utf8'));
    expect(await readFile(join(dir, 'ssot/diagrams/index.md'), 'utf8')).toContain('```mermaid\nclassDiagram');
  });

  it('honours --output', async () => {
    const dir = await temporaryDir();
    const result = await runSsot(dir, ['diagrams', '--output', 'docs/model']);
    expect(result.stdout).toContain('docs/model/index.md');
  });

  it('writes nothing when the model has errors', async () => {
    const dir = await temporaryDir();
    const result = await runSsot(join(fixtures, 'broken-project'), [
      'diagrams',
      '--output',
      join(dir, 'out'),
    ]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no diagrams written');
    await expect(readFile(join(dir, 'out/index.md'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
