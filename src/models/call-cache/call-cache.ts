import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { redactSecrets } from '../../blackboard/index.js';
import type { ModelCallScope, ModelResult } from '../model-port.js';

/** A tool call the model made while answering, in call order. */
export interface RecordedToolCall {
  name: string;
  input: unknown;
}

/** One recorded call: what the model answered and which tools it called on the way. */
export interface CallCacheEntry {
  version: 1;
  key: string;
  task: string;
  provider: string;
  modelId: string;
  scope?: ModelCallScope;
  toolCalls: RecordedToolCall[];
  result: ModelResult<unknown>;
  recordedAt: string;
}

/** Entries stored as files `<dir>/<key[0..1]>/<key>.json`. */
export interface CallCache {
  readonly dir: string;
  read(key: string): Promise<CallCacheEntry | undefined>;
  /** Writes an entry atomically, secrets redacted. */
  write(entry: CallCacheEntry): Promise<void>;
}

export interface CallCacheOptions {
  dir: string;
  /** Whose secret values to redact besides known key shapes (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

/** A call cache in a directory (created on the first write). */
export function createCallCache(options: CallCacheOptions): CallCache {
  const pathOf = (key: string) => join(options.dir, key.slice(0, 2), `${key}.json`);
  return {
    dir: options.dir,
    async read(key) {
      let text: string;
      try {
        text = await readFile(pathOf(key), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      return JSON.parse(text) as CallCacheEntry;
    },
    async write(entry) {
      const path = pathOf(entry.key);
      await mkdir(join(options.dir, entry.key.slice(0, 2)), { recursive: true });
      // Temp file + rename: a reader (or a crash) never sees half an entry.
      const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
      await writeFile(temporary, `${JSON.stringify(redactSecrets(entry, options.env), null, 2)}\n`, 'utf8');
      await rename(temporary, path);
    },
  };
}
