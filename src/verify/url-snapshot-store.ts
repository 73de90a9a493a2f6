import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256Hex } from '../contracts/index.js';
import { errorCode } from './workspace-file.js';

/** Perceive's fetched pages, stored by the sha256 of their body, so a url ref can be re-checked offline. */
export interface UrlSnapshotStore {
  /** Stores a body and returns its sha256 (the `content_sha256` a url ref carries). */
  put(body: string): Promise<string>;
  /** The body with this sha256, or `undefined` when none was stored (or the stored file was altered). */
  get(contentSha256: string): Promise<string | undefined>;
}

/**
 * A content-addressed snapshot store in `directory` (`<sha256>.txt` per body, written atomically).
 * A body read back is re-hashed: a file edited after it was stored is not evidence.
 */
export function createUrlSnapshotStore(directory: string): UrlSnapshotStore {
  const fileOf = (sha256: string) => path.join(directory, `${sha256}.txt`);
  return {
    async put(body) {
      const sha256 = sha256Hex(body);
      await mkdir(directory, { recursive: true });
      const temporary = `${fileOf(sha256)}.${process.pid}.tmp`;
      await writeFile(temporary, body, 'utf8');
      await rename(temporary, fileOf(sha256));
      return sha256;
    },
    async get(contentSha256) {
      if (!/^[0-9a-f]{64}$/.test(contentSha256)) return undefined;
      try {
        const body = await readFile(fileOf(contentSha256), 'utf8');
        return sha256Hex(body) === contentSha256 ? body : undefined;
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}
