import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isDigestPairComplete,
  linkFilesTogether,
  removeOrphanTemps,
  writeFilesTogether,
} from './write-files-together.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swarmlord-pair-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFilesTogether', () => {
  it('writes every file and leaves no temp', async () => {
    await writeFilesTogether([
      [join(dir, 'digest.json'), '{}\n'],
      [join(dir, 'digest.md'), '# d\n'],
    ]);
    expect((await readdir(dir)).sort()).toEqual(['digest.json', 'digest.md']);
    expect(await readFile(join(dir, 'digest.md'), 'utf8')).toBe('# d\n');
    expect(await isDigestPairComplete(dir)).toBe(true);
  });

  it('renames nothing when the second file cannot be written: the old pair stays, no temp, file and cause named', async () => {
    await writeFile(join(dir, 'digest.json'), 'old json');
    // Root ignores permissions: the second target is unwritable because its directory is a file.
    const blocked = join(dir, 'digest.json', 'digest.md');
    const error = await writeFilesTogether([
      [join(dir, 'digest.json'), 'new json'],
      [blocked, 'new md'],
    ]).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(new RegExp(`^could not write ${blocked}: E[A-Z]+: `));
    expect(((error as Error).cause as { code?: string }).code).toMatch(/^E[A-Z]+$/);
    expect(await readFile(join(dir, 'digest.json'), 'utf8')).toBe('old json');
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves no temp when the first file fails while the others open at once', async () => {
    const blocked = join(dir, 'file', 'digest.json');
    await writeFile(join(dir, 'file'), 'a file, not a folder');
    const error = await writeFilesTogether(
      [
        [blocked, 'new json'],
        [join(dir, 'digest.md'), 'new md'],
        [join(dir, 'bundle.json'), '{}'],
      ],
      { directoriesExist: true },
    ).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(new RegExp(`^could not write ${blocked}: `));
    expect((await readdir(dir)).sort()).toEqual(['file']);
  });

  it('makes a lazy content after the earlier files are written, and renames nothing when it throws', async () => {
    await writeFile(join(dir, 'digest.json'), 'old json');
    const seen: string[] = [];
    const error = await writeFilesTogether([
      [join(dir, 'digest.json'), 'new json'],
      [
        join(dir, 'digest.md'),
        () => {
          seen.push('md');
          throw new Error('no markdown');
        },
      ],
    ]).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe('no markdown');
    expect(seen).toEqual(['md']);
    expect(await readFile(join(dir, 'digest.json'), 'utf8')).toBe('old json');
    expect((await readdir(dir)).sort()).toEqual(['digest.json']);
    await writeFilesTogether([
      [join(dir, 'digest.json'), 'new json'],
      [join(dir, 'digest.md'), () => '# lazy\n'],
    ]);
    expect(await readFile(join(dir, 'digest.md'), 'utf8')).toBe('# lazy\n');
    expect(await isDigestPairComplete(dir)).toBe(true);
  });

  it('writes the files in order: a later one is never older than an earlier one', async () => {
    const files = ['a.json', 'b.md', 'c.json'].map((name) => [join(dir, name), name.repeat(50_000)] as const);
    await writeFilesTogether(files, { directoriesExist: true });
    const times = await Promise.all(files.map(async ([path]) => (await stat(path)).mtimeMs));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    for (const [path, content] of files) expect(await readFile(path, 'utf8')).toBe(content);
  });
});

describe('removeOrphanTemps', () => {
  it("removes a dead writer's temps and keeps a live one's and every other file", async () => {
    const dead = 2 ** 22 + 12_345; // above the default pid_max: no such process
    await writeFile(join(dir, `digest.md.${dead}.ab12cd34.tmp`), 'half');
    await writeFile(join(dir, `digest.json.${process.pid}.ab12cd34.tmp`), 'mine, in flight');
    await writeFile(join(dir, 'digest.md'), 'kept');
    await mkdir(join(dir, 'run-001'));
    const removed = await removeOrphanTemps(dir);
    expect(removed).toEqual([join(dir, `digest.md.${dead}.ab12cd34.tmp`)]);
    expect((await readdir(dir)).sort()).toEqual(
      ['digest.json.' + process.pid + '.ab12cd34.tmp', 'digest.md', 'run-001'].sort(),
    );
  });
});

describe('isDigestPairComplete', () => {
  it('is false for a lone file and for a digest.md older than its digest.json', async () => {
    await writeFile(join(dir, 'digest.json'), '{}');
    expect(await isDigestPairComplete(dir)).toBe(false);
    await writeFile(join(dir, 'digest.md'), '# d');
    expect(await isDigestPairComplete(dir)).toBe(true);
    const past = new Date(Date.now() - 3_600_000);
    await utimes(join(dir, 'digest.md'), past, past);
    expect(await isDigestPairComplete(dir)).toBe(false);
  });
});

describe('linkFilesTogether', () => {
  it('links written files into place as a pair, or changes nothing and leaves no temp', async () => {
    await writeFilesTogether([
      [join(dir, 'a.json'), '{"new":1}\n'],
      [join(dir, 'a.md'), '# new\n'],
    ]);
    await mkdir(join(dir, 'latest'));
    await writeFile(join(dir, 'latest', 'digest.json'), 'old json');
    await writeFile(join(dir, 'latest', 'digest.md'), 'old md');
    // The second source is missing: the first link is undone, neither target changes.
    await expect(
      linkFilesTogether([
        [join(dir, 'a.json'), join(dir, 'latest', 'digest.json')],
        [join(dir, 'missing.md'), join(dir, 'latest', 'digest.md')],
      ]),
    ).rejects.toThrow();
    expect((await readdir(join(dir, 'latest'))).sort()).toEqual(['digest.json', 'digest.md']);
    expect(await readFile(join(dir, 'latest', 'digest.json'), 'utf8')).toBe('old json');
    await linkFilesTogether([
      [join(dir, 'a.json'), join(dir, 'latest', 'digest.json')],
      [join(dir, 'a.md'), join(dir, 'latest', 'digest.md')],
    ]);
    expect(await readFile(join(dir, 'latest', 'digest.md'), 'utf8')).toBe('# new\n');
    expect((await readdir(join(dir, 'latest'))).sort()).toEqual(['digest.json', 'digest.md']);
  });
});
