import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
let project: string;

/**
 * The packed tarball, unpacked into a separate project's node_modules as npm would place it. Its
 * dependencies are linked from this checkout's node_modules, so the test needs no registry.
 */
beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'swarmlord-consumer-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', project], { cwd: root });
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  const modules = join(project, 'node_modules');
  await mkdir(join(modules, 'swarmlord'), { recursive: true });
  await run('tar', [
    '-xzf',
    join(project, packed?.filename ?? ''),
    '-C',
    join(modules, 'swarmlord'),
    '--strip-components=1',
  ]);
  for (const entry of await readdir(join(root, 'node_modules'))) {
    if (entry === 'swarmlord' || entry.startsWith('.')) continue;
    await symlink(join(root, 'node_modules', entry), join(modules, entry));
  }
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', type: 'module', private: true }),
  );
}, 120_000);
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe('the packed package, imported from another project', () => {
  it('runs a mission from code with a custom model adapter behind the model port', async () => {
    await writeFile(
      join(project, 'mission.mjs'),
      `
import { createIntent, createOfflineEngine, runMission, auditBlackboard } from 'swarmlord';
import { fileURLToPath } from 'node:url';

const offline = createOfflineEngine();
let calls = 0;
/** A custom adapter: it delegates to the offline engine and counts what it was asked. */
const counting = {
  provider: 'custom',
  modelId: 'counting-1',
  label: 'custom counting adapter',
  async generate(request) {
    calls += 1;
    return offline.generate(request);
  },
};
const workspace = fileURLToPath(new URL('./node_modules/swarmlord/examples/sample-service', import.meta.url));
const intent = createIntent({ objective: 'Where are payments retried?', workspace, lanes: 2 });
const { digest } = await runMission({ intent, cwd: process.cwd(), resolveModel: () => counting });
console.log(JSON.stringify({ verdict: digest.verdict, engine: digest.engine, calls, usage: digest.usage?.calls }));
`,
    );
    const { stdout } = await run(process.execPath, ['mission.mjs'], { cwd: project });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      verdict: string;
      engine: string;
      calls: number;
      usage: number;
    };
    expect(['PASS', 'CAUTION', 'FAIL']).toContain(result.verdict);
    expect(result.engine).toBe('custom counting adapter');
    expect(result.calls).toBe(8);
    expect(result.usage).toBe(8);
  });

  it('exports types for TypeScript users and no test files', async () => {
    const files = await readdir(join(project, 'node_modules', 'swarmlord', 'dist'), { recursive: true });
    expect(files).toContain('index.d.ts');
    expect(files).toContain('index.js');
    expect(files.some((file) => String(file).endsWith('.test.js'))).toBe(false);
  });

  it('runs an offline mission through its bin: the bundle and its chunks are in the package', async () => {
    const packed = join(project, 'node_modules', 'swarmlord');
    const manifest = JSON.parse(await readFile(join(packed, 'package.json'), 'utf8')) as {
      version: string;
      bin: { swarmlord: string };
    };
    const bin = join(packed, manifest.bin.swarmlord);
    expect(await readFile(bin, 'utf8')).toContain('// swarmlord CLI bundle');
    const version = await run(process.execPath, [bin, '--version'], { cwd: project });
    expect(version.stdout.trim()).toBe(manifest.version);
    const workspace = join(packed, 'examples', 'sample-service');
    const mission = await run(
      process.execPath,
      [
        bin,
        'run',
        'Map the architecture and risks',
        '--workspace',
        workspace,
        '--lanes',
        '1',
        '--yes',
        '--json',
      ],
      {
        cwd: project,
        env: { PATH: process.env.PATH ?? '', HOME: project, NO_COLOR: '1' },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const digest = JSON.parse(mission.stdout) as { verdict: string };
    expect(['PASS', 'CAUTION']).toContain(digest.verdict);
  });

  it('ships the SysML standard library, so library names resolve for real from the package', async () => {
    await mkdir(join(project, 'ssot'), { recursive: true });
    await writeFile(
      join(project, 'ssot', 'HFO_SSOT.sysml'),
      'package Project {\n  private import ScalarValues::*;\n  part def Probe { attribute label : ScalarValues::Strng; }\n}\n',
    );
    const cli = join(project, 'node_modules', 'swarmlord', 'dist', 'cli', 'main.js');
    const result = await run(process.execPath, [cli, 'ssot', 'check'], { cwd: project }).then(
      () => ({ code: 0, output: '' }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        output: `${error.stdout}${error.stderr}`,
      }),
    );
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/Strng.*did you mean 'ScalarValues::String'/);
    await rm(join(project, 'ssot'), { recursive: true, force: true });
  });
});
