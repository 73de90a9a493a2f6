import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashLineRange } from '../contracts/index.js';
import { scanWorkspace } from './scan-workspace.js';
import { buildWorkspaceIndex, createWorkspaceIndex } from './workspace-index.js';
import { loadOrBuildWorkspaceIndex } from './workspace-index-cache.js';
import { readEntry } from './workspace-index-entry.js';

async function workspace(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'swarmlord-index-cache-'));
  await writeFile(
    join(root, 'retry.ts'),
    'export function retryPayment(limit: number) {\n  return limit * 3;\n}\n',
  );
  await writeFile(join(root, 'other.ts'), 'export const unrelated = "nothing to see";\n');
  return root;
}

describe('workspace index cache', () => {
  it('reads an unchanged workspace back with the same answers as a fresh build', async () => {
    const root = await workspace();
    const dir = join(root, 'hfo_cache', 'workspace_index');
    const files = await scanWorkspace(root);
    const first = await loadOrBuildWorkspaceIndex(files, { dir });
    expect(first.source).toBe('stored');
    expect(((await stat(join(dir, `${first.key}.idx`))).mode & 0o777).toString(8)).toBe('600');
    const second = await loadOrBuildWorkspaceIndex(await scanWorkspace(root), { dir });
    expect(second).toMatchObject({ source: 'hit', key: first.key });
    const fresh = createWorkspaceIndex(files);
    for (const query of ['retry payment', 'unrelated', 'limit']) {
      expect(second.index.search(query)).toEqual(fresh.search(query));
    }
    expect(second.index.analysis.facts).toEqual(fresh.analysis.facts);
    // The vocabulary read back (text stems stored, not re-split) answers as a fresh one.
    for (const word of ['retry', 'retries', 'nothing', 'see', 'payment', 'kubernetes', 'limit'])
      expect(second.index.analysis.vocabulary.has(word), word).toBe(fresh.analysis.vocabulary.has(word));
    expect(second.index.analysis.vocabulary.expand('pay')).toEqual(fresh.analysis.vocabulary.expand('pay'));
    expect(second.index.analysis.vocabulary.textStems().sort()).toEqual(
      fresh.analysis.vocabulary.textStems().sort(),
    );
    expect(second.index.chunkCount).toBe(fresh.chunkCount);
  });

  it('misses after a one-byte edit, even with the same size and mtime, and cites the new text', async () => {
    const root = await workspace();
    const dir = join(root, 'hfo_cache', 'workspace_index');
    const before = await loadOrBuildWorkspaceIndex(await scanWorkspace(root), { dir });
    const path = join(root, 'retry.ts');
    const { mtime, atime } = await stat(path);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('limit * 3', 'limit * 4'));
    await utimes(path, atime, mtime);
    const after = await loadOrBuildWorkspaceIndex(await scanWorkspace(root), { dir });
    expect(after.source).toBe('stored');
    expect(after.key).not.toBe(before.key);
    const [top] = after.index.search('retry payment limit');
    expect(top?.text).toContain('limit * 4');
    expect(top?.ref.sha256).toBe(hashLineRange(await readFile(path, 'utf8'), top?.ref.lines ?? [1, 1]));
    // One more byte, a new word: only a rebuilt index has the term (chunk text is cut from the file).
    await writeFile(path, (await readFile(path, 'utf8')).replace('retryPayment', 'retryPaymenz'));
    await utimes(path, atime, mtime);
    const renamed = await loadOrBuildWorkspaceIndex(await scanWorkspace(root), { dir });
    expect(renamed.source).toBe('stored');
    expect(renamed.index.search('paymenz')[0]?.ref.path).toBe('retry.ts');
    expect(before.index.search('paymenz')).toEqual([]);
    expect((await readdir(dir)).filter((name) => name.endsWith('.idx'))).toHaveLength(3);
  });

  it('never writes an index that holds secret-looking text', async () => {
    const root = await workspace();
    await writeFile(join(root, 'config.ts'), 'export const password = "hunter2-very-secret";\n');
    const dir = join(root, 'hfo_cache', 'workspace_index');
    const result = await loadOrBuildWorkspaceIndex(await scanWorkspace(root), { dir });
    expect(result).toMatchObject({ source: 'built', reason: 'the index holds secret-looking text' });
    await expect(readdir(dir)).rejects.toThrow();
    expect(result.index.search('password')[0]?.ref.path).toBe('config.ts');
  });

  it('reads a damaged entry as a miss: cut short, grown, or with another first line', async () => {
    const root = await workspace();
    const dir = join(root, 'hfo_cache', 'workspace_index');
    const files = await scanWorkspace(root);
    // Read from the file each time: a remembered entry would answer without reading it.
    const first = await loadOrBuildWorkspaceIndex(files, { dir, remember: false });
    const path = join(dir, `${first.key}.idx`);
    const bytes = await readFile(path);
    const damaged = [
      bytes.subarray(0, bytes.length - 4),
      Buffer.concat([bytes, Buffer.alloc(4)]),
      Buffer.concat([
        Buffer.from('swarmlord.workspace-index/v0 12\n'),
        bytes.subarray(bytes.indexOf(10) + 1),
      ]),
      bytes.subarray(0, 20),
    ];
    for (const [index, copy] of damaged.entries()) {
      await writeFile(path, copy);
      const again = await loadOrBuildWorkspaceIndex(files, { dir, remember: false });
      expect(again.source, `damage ${index}`).toBe('stored');
      expect(again.index.search('retry payment')).toEqual(first.index.search('retry payment'));
    }
    expect(await readFile(path)).toEqual(bytes);
    expect((await loadOrBuildWorkspaceIndex(files, { dir, remember: false })).source).toBe('hit');
  });

  it('remembers the entry it read: the next load of the same content reads no file', async () => {
    const root = await workspace();
    const dir = join(root, 'hfo_cache', 'workspace_index');
    const stored = await loadOrBuildWorkspaceIndex(await scanWorkspace(root), { dir });
    expect(stored).toMatchObject({ source: 'stored' });
    expect(stored.remembered).toBeUndefined();
    const read = await loadOrBuildWorkspaceIndex(await scanWorkspace(root), { dir });
    expect(read).toMatchObject({ source: 'hit', key: stored.key });
    expect(read.remembered).toBeUndefined();
    // The file is gone: only the memory of it can answer now.
    await rm(join(dir, `${stored.key}.idx`));
    const files = await scanWorkspace(root);
    const again = await loadOrBuildWorkspaceIndex(files, { dir });
    expect(again).toMatchObject({ source: 'hit', key: stored.key, remembered: true });
    const fresh = createWorkspaceIndex(files);
    for (const query of ['retry payment', 'unrelated', 'limit'])
      expect(again.index.search(query)).toEqual(fresh.search(query));
    expect(again.index.analysis.facts).toEqual(fresh.analysis.facts);
    // What a mission is given cannot be changed for the next one.
    expect(Object.isFrozen(again.index.analysis.facts)).toBe(true);
    expect(Object.isFrozen(again.index.analysis.facts[0])).toBe(true);
    // Not remembered for another folder, and not when told not to.
    const other = await loadOrBuildWorkspaceIndex(files, { dir: join(root, 'other-cache') });
    expect(other).toMatchObject({ source: 'stored', key: stored.key });
    expect(other.remembered).toBeUndefined();
    const told = await loadOrBuildWorkspaceIndex(files, { dir, remember: false });
    expect(told.source).toBe('stored');
  });

  it('forgets the remembered entry when the content changes (one edit is another key)', async () => {
    const root = await workspace();
    const dir = join(root, 'hfo_cache', 'workspace_index');
    await loadOrBuildWorkspaceIndex(await scanWorkspace(root), { dir });
    const before = await loadOrBuildWorkspaceIndex(await scanWorkspace(root), { dir });
    expect(before.source).toBe('hit');
    await writeFile(
      join(root, 'retry.ts'),
      'export function retryPayment(limit: number) {\n  return 4;\n}\n',
    );
    const edited = await loadOrBuildWorkspaceIndex(await scanWorkspace(root), { dir });
    expect(edited.source).toBe('stored');
    expect(edited.index.search('retry payment')[0]?.text).toContain('return 4');
    // The old content again: its file is still there, read back (not remembered any more).
    await writeFile(
      join(root, 'retry.ts'),
      'export function retryPayment(limit: number) {\n  return limit * 3;\n}\n',
    );
    const back = await loadOrBuildWorkspaceIndex(await scanWorkspace(root), { dir });
    expect(back).toMatchObject({ source: 'hit', key: before.key });
    expect(back.remembered).toBeUndefined();
  });

  it("after an edit, reuses the unchanged files' BM25 data and stores exactly a fresh build", async () => {
    const root = await workspace();
    for (let file = 0; file < 6; file += 1)
      await writeFile(
        join(root, `mod${file}.ts`),
        `export function helper${file}(value: number) {\n  return value + ${file};\n}\n`,
      );
    const dir = join(root, 'hfo_cache', 'workspace_index');
    const first = await loadOrBuildWorkspaceIndex(await scanWorkspace(root), { dir, remember: false });
    expect(first.reusedChunks).toBe(0);
    // Edited, added and removed files: only their chunks are tokenised again.
    await writeFile(
      join(root, 'retry.ts'),
      'export function retryPaymentTwice(limit: number) {\n  return limit * 6;\n}\n',
    );
    await writeFile(join(root, 'added.ts'), 'export const addedLater = "fresh words";\n');
    await rm(join(root, 'mod3.ts'));
    const files = await scanWorkspace(root);
    const after = await loadOrBuildWorkspaceIndex(files, { dir, remember: false });
    expect(after.source).toBe('stored');
    expect(after.reusedChunks).toBe(6);
    // other.ts, mod0-2, mod4-5: the same text; retry.ts edited, added.ts new.
    expect(after.reusedStems).toBe(6);
    const fresh = buildWorkspaceIndex(files).parts();
    const read = await loadOrBuildWorkspaceIndex(files, { dir, remember: false });
    expect(read.source).toBe('hit');
    for (const query of ['retry payment twice', 'added later fresh', 'helper value', 'helper3', 'limit'])
      expect(read.index.search(query)).toEqual(createWorkspaceIndex(files).search(query));
    // The stored data is the fresh build's, to the last bit of every array.
    const stored = await readEntry(join(dir, `${after.key}.idx`), after.key);
    expect(stored?.search).toEqual(fresh.search);
    expect(stored?.fileDigests).toEqual(fresh.fileDigests);
    // The vocabulary's stems too: the same stems in the same order, listed per file the same way.
    expect(stored?.textStems).toEqual(fresh.textStems);
    expect(stored?.stemOffsets).toEqual(fresh.stemOffsets);
    expect(stored?.stemIds).toEqual(fresh.stemIds);
    expect(stored?.fileHashes).toEqual(fresh.fileHashes);
    expect(stored?.search.documents.length).toBeGreaterThan(0);
    // A previous entry written by other code (another fingerprint) is never reused.
    const path = join(dir, `${after.key}.idx`);
    const bytes = await readFile(path, 'latin1');
    const fingerprint = /"fingerprint":"([0-9a-f]+)"/.exec(bytes)?.[1] as string;
    await writeFile(path, bytes.replace(fingerprint, '0'.repeat(fingerprint.length)), 'latin1');
    await writeFile(join(root, 'added.ts'), 'export const addedLater = "other words";\n');
    const other = await loadOrBuildWorkspaceIndex(await scanWorkspace(root), { dir, remember: false });
    expect(other.source).toBe('stored');
    expect(other.reusedChunks).toBe(0);
  });
});
