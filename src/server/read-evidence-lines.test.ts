import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readEvidenceLines } from './read-evidence-lines.js';

const directories: string[] = [];

afterEach(async () => {
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

describe('readEvidenceLines', () => {
  it('redacts every cited line (token shapes and the server’s own secret variables), keeping the line numbers', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'swarmlord-evidence-'));
    directories.push(workspace);
    const token = `ghp_${'Q7'.repeat(12)}abc`;
    const envSecret = 'local-dashboard-secret-42';
    const lines = [
      'const a = 1;',
      `const t = '${token}'; // <script>x</script>`,
      `db = "${envSecret}"`,
      'end',
    ];
    await writeFile(join(workspace, 'a.ts'), `${lines.join('\n')}\n`);
    const excerpt = await readEvidenceLines(
      workspace,
      { kind: 'file', path: 'a.ts', lines: [2, 3], sha256: '0'.repeat(64) },
      new Map(),
      { MY_SERVICE_PASSWORD: envSecret },
    );
    const text = JSON.stringify(excerpt);
    expect(text).not.toContain(token);
    expect(text).not.toContain(envSecret);
    expect(excerpt.excerpt?.map((line) => line.number)).toEqual([1, 2, 3, 4]);
    const cited = excerpt.excerpt?.filter((line) => line.cited).map((line) => line.text) ?? [];
    expect(cited[0]).toBe("const t = '[REDACTED]'; // <script>x</script>");
    expect(cited[1]).toContain('[REDACTED]');
  });
});
