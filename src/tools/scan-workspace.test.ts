import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeScanReport } from './scan-report.js';
import { scanWorkspaceWithReport } from './scan-workspace.js';

async function workspace(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'swarmlord-scan-'));
  await mkdir(join(root, 'src', 'generated'), { recursive: true });
  await mkdir(join(root, 'node_modules', 'dep'), { recursive: true });
  await writeFile(join(root, '.gitignore'), 'src/generated/\n*.log\n!keep.log\n');
  await writeFile(join(root, 'src', 'app.ts'), 'export const app = 1;\n');
  await writeFile(join(root, 'src', 'generated', 'out.ts'), 'export const out = 1;\n');
  await writeFile(join(root, 'debug.log'), 'noise\n');
  await writeFile(join(root, 'keep.log'), 'kept\n');
  await writeFile(join(root, 'logo.png'), Buffer.from([137, 80, 78, 71]));
  await writeFile(join(root, 'blob.txt'), Buffer.from([1, 0, 2]));
  await writeFile(join(root, 'big.txt'), 'x'.repeat(2048));
  await writeFile(join(root, 'node_modules', 'dep', 'index.js'), 'module.exports = 1;\n');
  await symlink(join(root, 'src'), join(root, 'linked'));
  return root;
}

describe('scanWorkspaceWithReport', () => {
  it('honours .gitignore and accounts for every skip with its reason', async () => {
    const root = await workspace();
    const progress: number[] = [];
    const { files, report } = await scanWorkspaceWithReport(root, {
      maxFileBytes: 1024,
      progressEvery: 1,
      onProgress: (step) => progress.push(step.files),
    });
    expect(files.map((file) => file.path).sort()).toEqual(['keep.log', 'src/app.ts']);
    const reasons = Object.fromEntries(report.skipped.map((skip) => [skip.reason, skip.examples]));
    expect(reasons).toMatchObject({
      gitignored: expect.arrayContaining(['debug.log', 'src/generated']),
      binary: expect.arrayContaining(['blob.txt', 'logo.png']),
      'too-large': ['big.txt'],
      symlink: ['linked'],
      'ignored-folder': ['node_modules'],
      hidden: ['.gitignore'],
    });
    expect(report.gitignoreFiles).toEqual(['.gitignore']);
    expect(progress.at(-1)).toBe(2);
  });

  it('reports the file cap and stops when aborted', async () => {
    const root = await workspace();
    const { report } = await scanWorkspaceWithReport(root, { maxFiles: 1 });
    expect(report.capReached).toBe(true);
    expect(report.skipped.find((skip) => skip.reason === 'file-cap')?.count).toBeGreaterThan(0);
    const stopped = await scanWorkspaceWithReport(root, { signal: AbortSignal.abort(new Error('stop')) });
    expect(stopped).toMatchObject({ files: [], report: { interrupted: true } });
  });

  it('stops reading at the total byte budget, in name order, and says so', async () => {
    const root = await mkdtemp(join(tmpdir(), 'swarmlord-budget-'));
    await mkdir(join(root, 'src'));
    for (let index = 0; index < 40; index += 1) {
      await writeFile(join(root, 'src', `f${String(index).padStart(2, '0')}.ts`), `${'a'.repeat(99)}\n`);
    }
    const progress: { bytes?: number; budgetReached?: boolean }[] = [];
    const first = await scanWorkspaceWithReport(root, {
      maxTotalBytes: 1_050,
      onProgress: (step) => progress.push(step),
    });
    // 100 bytes a file: ten fit under 1,050 bytes, the other thirty are named, never read.
    expect(first.files.map((file) => file.path)).toEqual(
      Array.from({ length: 10 }, (_, index) => `src/f${String(index).padStart(2, '0')}.ts`),
    );
    expect(first.report).toMatchObject({ byteBudgetReached: true, bytesRead: 1_000, maxTotalBytes: 1_050 });
    expect(first.report.skipped.find((skip) => skip.reason === 'byte-budget')?.count).toBe(30);
    expect(progress.at(-1)).toMatchObject({ bytes: 1_000, budgetReached: true });
    expect(describeScanReport(first.report)[0]).toContain('total byte budget of 0.0 MiB reached');
    // Concurrent reads never change what is kept.
    const again = await scanWorkspaceWithReport(root, { maxTotalBytes: 1_050 });
    expect(again.files).toEqual(first.files);
    const roomy = await scanWorkspaceWithReport(root);
    expect(roomy.report).toMatchObject({ filesScanned: 40, byteBudgetReached: false, bytesRead: 4_000 });
  });

  it('keeps the same files and report whether its I/O is synchronous or concurrent', async () => {
    const root = await workspace();
    await mkdir(join(root, 'many'));
    for (let index = 0; index < 150; index += 1)
      await writeFile(
        join(root, 'many', `m${String(index).padStart(3, '0')}.ts`),
        `export const m${index} = 1;\n`,
      );
    for (const options of [{ maxFileBytes: 1024 }, { maxFiles: 70 }, { maxTotalBytes: 3_000 }]) {
      const sync = await scanWorkspaceWithReport(root, { ...options, concurrentIo: false });
      const concurrent = await scanWorkspaceWithReport(root, { ...options, concurrentIo: true });
      expect(concurrent).toEqual(sync);
      expect(sync.files.length).toBeGreaterThan(0);
    }
  });

  it('sees an abort that comes while it reads synchronously', async () => {
    const root = await mkdtemp(join(tmpdir(), 'swarmlord-scan-abort-'));
    for (let index = 0; index < 300; index += 1)
      await writeFile(join(root, `f${String(index).padStart(3, '0')}.ts`), 'export {};\n');
    const controller = new AbortController();
    // Aborted from the event loop: only a scan that yields between its slices of reads sees it.
    setImmediate(() => controller.abort());
    const { files, report } = await scanWorkspaceWithReport(root, {
      concurrentIo: false,
      signal: controller.signal,
    });
    expect(report.interrupted).toBe(true);
    expect(files.length).toBeLessThan(300);
  });

  it('reads the same files whichever way the root is spelled (relative, trailing slash, `..`)', async () => {
    const root = await workspace();
    const expected = await scanWorkspaceWithReport(root);
    const spellings = [
      `${root}/`,
      join(root, 'src', '..'),
      `${root}/src/../`,
      relative(process.cwd(), root),
      `${relative(process.cwd(), root)}/`,
    ];
    for (const spelling of spellings) {
      for (const concurrentIo of [false, true]) {
        const scan = await scanWorkspaceWithReport(spelling, { concurrentIo });
        expect(scan, `${spelling} ${concurrentIo}`).toEqual(expected);
      }
    }
    expect(expected.files.map((file) => file.path)).toContain('src/app.ts');
    expect(expected.files.find((file) => file.path === 'big.txt')?.text).toBe('x'.repeat(2048));
  });
});
