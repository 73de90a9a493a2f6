import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileDurably } from './write-file-durably.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'swarmlord-durable-'));
  dirs.push(dir);
  return dir;
}

describe('writeFileDurably', () => {
  it('makes missing folders, then replaces the file whole', async () => {
    const dir = await tempDir();
    const path = join(dir, 'a', 'b', 'step.json');
    await writeFileDurably(path, 'one\n');
    await writeFileDurably(path, 'two\n');
    expect(await readFile(path, 'utf8')).toBe('two\n');
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['step.json']);
  });

  it('lands every one of many concurrent writes in one folder, no temporary file left', async () => {
    const dir = await tempDir();
    const names = Array.from({ length: 40 }, (_, index) => `s${index}.json`);
    await Promise.all(names.map((name) => writeFileDurably(join(dir, name), `${name}\n`)));
    expect((await readdir(dir)).sort()).toEqual([...names].sort());
    for (const name of names) expect(await readFile(join(dir, name), 'utf8')).toBe(`${name}\n`);
  });

  it('names the file and keeps the code when the folder cannot be made', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'plain'), 'x');
    await expect(writeFileDurably(join(dir, 'plain', 'step.json'), 'y')).rejects.toMatchObject({
      code: 'ENOTDIR',
      message: expect.stringContaining(join(dir, 'plain', 'step.json')),
    });
  });
});
