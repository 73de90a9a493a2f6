import { open, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { syncDirectory } from './sync-directory.js';

/**
 * Keeps a torn last line (left by a crash) in a sibling file `<file>.torn-<seq>-<timestamp>.jsonl`,
 * fsynced, before the caller truncates the main file: the bytes are evidence of what happened and
 * are never dropped. `seq` is the position the torn line would have had.
 */
export async function setAsideTornLine(
  filePath: string,
  seq: number,
  bytes: Buffer,
  now = new Date(),
): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const asidePath = `${filePath}.torn-${seq}-${stamp}.jsonl`;
  const handle = await open(asidePath, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncDirectory(dirname(filePath));
  return asidePath;
}

/** Paths of the torn lines set aside next to `filePath`, oldest seq first. */
export async function listSetAsideFiles(filePath: string): Promise<string[]> {
  const directory = dirname(filePath);
  const prefix = `${basename(filePath)}.torn-`;
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => name.startsWith(prefix) && name.endsWith('.jsonl'))
    .sort((a, b) => seqOf(a, prefix) - seqOf(b, prefix) || a.localeCompare(b))
    .map((name) => join(directory, name));
}

function seqOf(name: string, prefix: string): number {
  return Number.parseInt(name.slice(prefix.length), 10);
}
