import { open } from 'node:fs/promises';

/**
 * fsyncs a directory so a file created or renamed in it survives a crash. Windows cannot open a
 * directory for syncing and its file systems persist entries without it, so it is skipped there.
 */
export async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
