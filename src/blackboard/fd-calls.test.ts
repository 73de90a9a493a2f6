import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFdHandle, pathExists, writeAllFd } from './fd-calls.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swarmlord-fd-calls-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fd-calls', () => {
  it('says whether a path exists, a missing one without throwing, and still throws other errors', async () => {
    await writeFile(join(dir, 'there'), 'x');
    expect(await pathExists(join(dir, 'there'))).toBe(true);
    expect(await pathExists(dir)).toBe(true);
    expect(await pathExists(join(dir, 'missing'))).toBe(false);
    // A path through a file is not "missing": ENOTDIR is an error of its own.
    await expect(pathExists(join(dir, 'there', 'below'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('opens a handle to append, truncates and closes it like a FileHandle', async () => {
    const path = join(dir, 'board.jsonl');
    const handle = await openFdHandle(path, 'a+');
    await writeAllFd(handle.fd, Buffer.from('one\ntwo\n'));
    await handle.truncate(4);
    await writeAllFd(handle.fd, Buffer.from('three\n'));
    await handle.close();
    expect(await readFile(path, 'utf8')).toBe('one\nthree\n');
    await expect(openFdHandle(join(dir, 'no', 'such'), 'r')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
