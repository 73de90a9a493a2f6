import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeFd, linkPath, mkdirPath, openFd, renamePath, syncFd, writeTextFd } from './digest-fs-calls.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swarmlord-digest-fs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('digest file calls', () => {
  it('writes a whole multi-byte text, flushes, renames and links it', async () => {
    const text = `${'é€ digest line\n'.repeat(20_000)}end\n`;
    const temporary = join(dir, 'digest.json.tmp');
    const fd = await openFd(temporary, 'wx');
    await writeTextFd(fd, text);
    await syncFd(fd);
    await closeFd(fd);
    await renamePath(temporary, join(dir, 'digest.json'));
    await linkPath(join(dir, 'digest.json'), join(dir, 'latest.json'));
    expect(await readFile(join(dir, 'digest.json'), 'utf8')).toBe(text);
    expect(await readFile(join(dir, 'latest.json'), 'utf8')).toBe(text);
  });

  it('reports failures as rejections with the system code, never as a synchronous throw', async () => {
    await writeFile(join(dir, 'taken'), 'x');
    const opened = openFd(join(dir, 'taken'), 'wx');
    await expect(opened).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(renamePath(join(dir, 'missing'), join(dir, 'other'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
    await expect(mkdirPath(join(dir, 'taken'))).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it('tells whether a recursive mkdir made a folder', async () => {
    expect(await mkdirPath(join(dir, 'a', 'b'), true)).toBe(join(dir, 'a'));
    expect(await mkdirPath(join(dir, 'a', 'b'), true)).toBeUndefined();
  });
});
