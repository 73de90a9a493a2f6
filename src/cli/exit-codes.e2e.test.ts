import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBuiltCli, SAMPLE_WORKSPACE as sample } from '../test/run-built-cli.js';

let cwd: string;

function swarmlord(args: string[]) {
  return runBuiltCli(args, cwd);
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-exit-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('exit codes and what a refused or interrupted run leaves', () => {
  it('a mission refused before it starts (invalid charter) exits 2 and leaves no intent behind', async () => {
    await writeFile(
      join(cwd, 'AGENTS.md'),
      '## Swarmlord charter\n\n```yaml\nguardrails:\n  max_concurrency: many\n```\n',
    );
    const refused = await swarmlord([
      'run',
      'Map the architecture and risks',
      '--workspace',
      sample,
      '--yes',
    ]);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain('AGENTS.md:5:3 guardrails.max_concurrency');
    expect(
      (await filesUnder(join(cwd, 'hfo_mission_intent'))).filter((path) => path.endsWith('.yml')),
    ).toEqual([]);
  }, 120_000);

  it('bad input exits 2 naming the file; an unknown command exits 2', async () => {
    const missing = await swarmlord(['mission', 'run', 'nowhere.yml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nowhere.yml');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    expect((await swarmlord(['no-such-command'])).code).toBe(2);
  });

  it('the next run of a mission removes the temp files a killed writer left in its digest folders', async () => {
    const first = await swarmlord(['run', 'Map the architecture and risks', '--workspace', sample, '--yes']);
    expect(first.code, first.stderr).toBeLessThan(2);
    const intent = (await filesUnder(join(cwd, 'hfo_mission_intent'))).find((path) => path.endsWith('.yml'));
    const digests = join(cwd, 'hfo_digests');
    const [mission] = await readdir(digests);
    const dead = 2 ** 22 + 4_321; // above the default pid_max: no such process
    const orphans = [
      join(digests, mission as string, `digest.md.${dead}.0badc0de.tmp`),
      join(digests, mission as string, 'run-001', `digest.json.${dead}.0badc0de.tmp`),
      join(
        cwd,
        'hfo_mission_intent',
        (intent as string).split('/').at(-2) as string,
        `x.yml.${dead}.0badc0de.tmp`,
      ),
    ];
    for (const orphan of orphans) await writeFile(orphan, 'half a file');
    const again = await swarmlord(['mission', 'run', intent as string]);
    expect(again.code, again.stderr).toBeLessThan(2);
    const left = (await filesUnder(cwd)).filter((path) => path.endsWith('.tmp'));
    // The intent folder is swept when an intent is written there (mission new / run), not by mission run.
    expect(left).toEqual([orphans[2]]);
    const swept = await swarmlord([
      'run',
      'Map the architecture and risks again',
      '--workspace',
      sample,
      '--yes',
    ]);
    expect(swept.code, swept.stderr).toBeLessThan(2);
    expect((await filesUnder(cwd)).filter((path) => path.endsWith('.tmp'))).toEqual([]);
  }, 240_000);
});
