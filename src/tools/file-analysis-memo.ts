import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileAnalysis, FileAnalysisMemo } from '../analysis/index.js';
import { redactText } from '../blackboard/redact-secrets.js';

/** Bump when a stored file analysis changes shape. */
const FORMAT = 'swarmlord.file-analyses/v1';
/** The one memo file of a cache folder (entry names are 64 hex digits: never pruned as an entry). */
const NAME = 'file-analyses.json';

/** A memo read from the cache folder, and how to write back what today's files need. */
export interface StoredFileAnalysisMemo {
  memo: FileAnalysisMemo;
  /** Files whose analysis came from the memo. */
  reused(): number;
  /** Writes the analyses of today's files only (atomically, mode 0600, never secret-looking text). */
  save(): Promise<void>;
}

/**
 * Per-file analyses kept between missions, keyed by path and the sha256 of the text, valid for one
 * build of the analyser (`fingerprint`): when the workspace index misses because a few files
 * changed, only those files are parsed again. `analyzeWorkspace` re-checks every remembered
 * import resolution against today's paths before it uses an entry.
 */
export async function openFileAnalysisMemo(
  dir: string,
  fingerprint: string,
  hashes: ReadonlyMap<string, string>,
): Promise<StoredFileAnalysisMemo> {
  const path = join(dir, NAME);
  let stored: Record<string, [string, FileAnalysis]> = {};
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as {
      format?: unknown;
      fingerprint?: unknown;
      entries?: Record<string, [string, FileAnalysis]>;
    };
    if (value.format === FORMAT && value.fingerprint === fingerprint && value.entries !== undefined)
      stored = value.entries;
  } catch {
    // No memo yet, or an unreadable one: every file is analysed.
  }
  const next = new Map<string, [string, FileAnalysis]>();
  const reused = new Set<string>();
  return {
    memo: {
      get(file) {
        const entry = Object.hasOwn(stored, file) ? stored[file] : undefined;
        const hash = hashes.get(file);
        if (entry === undefined || hash === undefined || entry[0] !== hash) return undefined;
        reused.add(file);
        next.set(file, entry);
        return entry[1];
      },
      set(file, analysis) {
        // Set after a get: the remembered analysis was stale (an import resolves elsewhere now).
        reused.delete(file);
        const hash = hashes.get(file);
        if (hash !== undefined) next.set(file, [hash, analysis]);
      },
    },
    reused: () => reused.size,
    async save() {
      const text = JSON.stringify({ format: FORMAT, fingerprint, entries: Object.fromEntries(next) });
      // Fact statements are workspace text: a workspace with a secret-looking string is re-parsed instead.
      if (redactText(text) !== text) return;
      const temp = `${path}.${process.pid}.tmp`;
      await writeFile(temp, text, { mode: 0o600 });
      await rename(temp, path);
    },
  };
}
