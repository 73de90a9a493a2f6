import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPathScope } from './path-scope.js';
import { scanWorkspaceWithReport } from './scan-workspace.js';

describe('createPathScope', () => {
  it('reads everything when nothing is given', () => {
    const scope = createPathScope({});
    expect(scope.restricted).toBe(false);
    expect(scope.includesFile('a/b.ts')).toBe(true);
  });

  it('takes folder globs, bare folder names, extensions at any depth and alternatives', () => {
    const scope = createPathScope({ include: ['src/**', '*.md'], exclude: ['src/legacy/', 'fixtures'] });
    expect(scope.includesFile('src/app.ts')).toBe(true);
    expect(scope.includesFile('docs/guide.md')).toBe(true);
    expect(scope.includesFile('lib/app.ts')).toBe(false);
    expect(scope.includesFile('src/legacy/old.ts')).toBe(false);
    expect(scope.includesFile('src/fixtures/a.ts')).toBe(false);
    expect(scope.entersFolder('src/legacy')).toBe(false);
    expect(scope.entersFolder('src')).toBe(true);
    const braces = createPathScope({ include: ['./src/**/*.{ts,js}'] });
    expect(braces.includesFile('src/a/b.js')).toBe(true);
    expect(braces.includesFile('src/a/b.py')).toBe(false);
  });
});

describe('scanWorkspaceWithReport with a scope', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'swarmlord-scope-'));
    await mkdir(join(root, 'src', 'legacy'), { recursive: true });
    await mkdir(join(root, 'test'), { recursive: true });
    await writeFile(join(root, 'src', 'app.ts'), 'export const app = 1;\n');
    await writeFile(join(root, 'src', 'legacy', 'old.ts'), 'export const old = 1;\n');
    await writeFile(join(root, 'test', 'app.test.ts'), 'test();\n');
    await writeFile(join(root, 'README.md'), '# readme\n');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads only in-scope files and counts the rest as out-of-scope', async () => {
    const { files, report } = await scanWorkspaceWithReport(root, {
      scope: { include: ['src/**'], exclude: ['src/legacy/**'] },
    });
    expect(files.map((file) => file.path)).toEqual(['src/app.ts']);
    const outOfScope = report.skipped.find((entry) => entry.reason === 'out-of-scope');
    expect(outOfScope?.examples).toEqual(expect.arrayContaining(['README.md', 'src/legacy']));
  });
});
