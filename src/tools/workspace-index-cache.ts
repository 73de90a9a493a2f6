import { createHash } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { analyzeWorkspaceConcurrently } from '../analysis/index.js';
import { redactText } from '../blackboard/redact-secrets.js';
import { codeFingerprint } from './code-fingerprint.js';
import { fileContentHash } from './file-content-hash.js';
import { buffersReleased } from './release-buffer.js';
import type { WorkspaceFile } from './scan-workspace.js';
import {
  buildWorkspaceIndex,
  type PreviousIndexParts,
  type WorkspaceIndex,
  type WorkspaceIndexOptions,
  type WorkspaceIndexParts,
  workspaceIndexFromParts,
} from './workspace-index.js';
import {
  encodeEntry,
  ENTRY_FORMAT as FORMAT,
  readEntry,
  readPreviousEntry,
  releasePreviousEntry,
} from './workspace-index-entry.js';
import { previousStems, recordingMemo } from './workspace-index-reuse.js';

/** Entries kept per cache folder (newest by use): a few workspaces or scopes, never a growing pile. */
const KEEP_ENTRIES = 4;

export interface CachedIndexOptions extends Pick<WorkspaceIndexOptions, 'chunkLines' | 'overlapLines'> {
  /** The cache folder (the CLI uses `hfo_cache/workspace_index` under the working directory). */
  dir: string;
  /**
   * Keep the last entry read from the folder in this process's memory (default true), so the next
   * mission over the same content does not read and parse it again; false reads the file each time.
   */
  remember?: boolean;
}

/** The index and where it came from. */
export interface CachedIndex {
  index: WorkspaceIndex;
  /** `hit`: read back; `stored`: built and written; `built`: built, not written (`reason` says why). */
  source: 'hit' | 'stored' | 'built';
  reason?: string;
  key: string;
  /** On a miss: files whose analysis was reused from the per-file memo (not parsed again). */
  reused?: number;
  /** On a miss: chunks whose BM25 data was reused from the previous entry (not tokenised again). */
  reusedChunks?: number;
  /** On a miss: files whose text stems were reused from the previous entry (their text not split). */
  reusedStems?: number;
  /** A hit answered from this process's memory of the entry (same folder, same key), not its file. */
  remembered?: boolean;
}

/**
 * The workspace index of `files`, read from the cache when the same bytes were indexed before
 * (decision 0024). The key is the sha256 of every indexed path and the sha256 of its text, the
 * chunk options and a fingerprint of the code that builds the index: any changed byte, any file
 * added, removed or renamed, or a new build of the analyser gives a new key, so a stale entry can
 * only be missed, never used. An entry holds workspace text (index terms, fact statements): it is
 * written only when the secret redactor finds nothing in it, with mode 0600, atomically.
 */
export async function loadOrBuildWorkspaceIndex(
  files: readonly WorkspaceFile[],
  options: CachedIndexOptions,
): Promise<CachedIndex> {
  const hashes = new Map<string, string>();
  const key = await indexKey(files, options, hashes);
  const remember = options.remember ?? true;
  const known = remember ? rememberedEntry(options.dir, key) : undefined;
  if (known !== undefined)
    return { index: workspaceIndexFromParts(files, known), source: 'hit', key, remembered: true };
  const path = join(options.dir, `${key}.idx`);
  const stored = await readEntry(path, key);
  if (stored !== undefined) {
    const now = new Date();
    await utimes(path, now, now).catch(() => undefined);
    if (remember) rememberEntry(options.dir, key, stored);
    return { index: workspaceIndexFromParts(files, stored), source: 'hit', key };
  }
  const fingerprint = await codeFingerprint();
  // The last index of this folder (remembered, else its newest entry): files unchanged since keep
  // their BM25 data. Another content now: the remembered index is not kept beside the one built next.
  const fromMemory = remembered?.dir === options.dir;
  const previous = fromMemory ? remembered?.parts : await newestEntry(options.dir, key, fingerprint);
  if (fromMemory) remembered = undefined;
  // A miss re-parses only the files whose text (or whose imports' targets) changed: the previous
  // entry's analysis of each file with the same text is checked against today's paths and reused.
  const memo = recordingMemo(previous, hashes);
  // Files whose text is the same as in the previous entry keep their stems (not split again).
  let reusedStems = 0;
  const listed =
    previous === undefined
      ? undefined
      : previousStems(
          previous,
          files.map((file) => file.path),
          hashes,
        );
  const stemsOf =
    listed === undefined
      ? undefined
      : (index: number) => {
          const stems = listed(index);
          if (stems !== undefined) reusedStems += 1;
          return stems;
        };
  const built = buildWorkspaceIndex(files, {
    ...options,
    analysis: await analyzeWorkspaceConcurrently(files, memo, stemsOf),
    ...(previous === undefined ? {} : { previous }),
  });
  const reused = memo.reused();
  const reusedChunks = built.reusedChunks;
  const columns = memo.columns(files.map((file) => file.path));
  // The previous entry read for this build (~31 MB of arrays at 5k files) is not read again: its
  // bytes go now, before the entry is encoded and the mission runs. Parts remembered from a hit
  // are left alone (an index of an earlier mission may still search them).
  if (!fromMemory && previous !== undefined) releasePreviousEntry(previous);
  // Those bytes and the build's scratch are freed before the encoding allocates (~10 MB): not held
  // while it runs (the edited 5k-file mission's highest point was there).
  await buffersReleased();
  // The redactor checks every piece of the headers' text (every term, name and fact) as it is made.
  const entry = encodeEntry(
    key,
    fingerprint,
    { ...built.parts(), ...columns },
    (text) => redactText(text) === text,
  );
  if (entry === undefined) {
    return {
      index: built.index,
      source: 'built',
      reason: 'the index holds secret-looking text',
      key,
      reused,
      reusedChunks,
      reusedStems,
    };
  }
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(options.dir, { recursive: true });
    const handle = await open(temp, 'w', 0o600);
    try {
      // Each writeFile writes its piece whole, from where the previous one ended; each piece is
      // made as it is written (a piece that is not the one checked stops the write: no rename).
      for (const piece of entry.pieces()) await handle.writeFile(piece);
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    // The per-file analyses live in the entries now: the memo file of earlier versions goes.
    await unlink(join(options.dir, 'file-analyses.json')).catch(() => undefined);
    await pruneEntries(options.dir);
    return { index: built.index, source: 'stored', key, reused, reusedChunks, reusedStems };
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    // A cache that cannot be written costs a rebuild next time, never the mission.
    const reason = `could not write ${path}: ${error instanceof Error ? error.message : String(error)}`;
    return { index: built.index, source: 'built', reason, key, reused, reusedChunks, reusedStems };
  }
}

/**
 * The last entry read back in this process, by folder and key. The key is the sha256 of every
 * indexed path and text, the chunk options and the code's fingerprint (`indexKey`), and today's
 * scan computes it from the bytes it read: an entry remembered under it describes exactly those
 * files, so it can only be missed, never answer for other content. Only one is kept (memory stays
 * bounded by one index, which its mission held anyway); it is frozen, so no caller can change what
 * the next mission is given. Only entries read back are remembered, never a build of this process
 * (its objects are the current mission's), so the file is read once per content and process.
 */
let remembered: { dir: string; key: string; parts: WorkspaceIndexParts } | undefined;

function rememberedEntry(dir: string, key: string): WorkspaceIndexParts | undefined {
  return remembered !== undefined && remembered.key === key && remembered.dir === dir
    ? remembered.parts
    : undefined;
}

function rememberEntry(dir: string, key: string, parts: WorkspaceIndexParts): void {
  for (const fact of parts.facts) {
    Object.freeze(fact.names);
    Object.freeze(fact.terms);
    Object.freeze(fact);
  }
  Object.freeze(parts.facts);
  Object.freeze(parts.chunkPaths);
  if (parts.fileDigests !== undefined) Object.freeze(parts.fileDigests);
  if (parts.fileHashes !== undefined) Object.freeze(parts.fileHashes);
  Object.freeze(parts.unparsedFiles);
  if (parts.textStems !== undefined) Object.freeze(parts.textStems);
  Object.freeze(parts.search.terms);
  // Typed arrays cannot be frozen: nothing writes to them (the search reads its data only).
  remembered = { dir, key, parts };
}

/** The entry's key; `hashes` receives each file's content sha256. */
async function indexKey(
  files: readonly WorkspaceFile[],
  options: CachedIndexOptions,
  hashes: Map<string, string>,
): Promise<string> {
  const hash = createHash('sha256');
  hash.update(
    `${FORMAT}\n${options.chunkLines ?? ''}\n${options.overlapLines ?? ''}\n${await codeFingerprint()}\n`,
  );
  for (const file of files) {
    const content = fileContentHash(file);
    hashes.set(file.path, content);
    hash.update(`${JSON.stringify(file.path)}\n${content}\n`);
  }
  return hash.digest('hex');
}

/**
 * The BM25 data of the folder's most recently used entry other than `key`, if this code wrote it
 * (`fingerprint`): one entry is read at most, its analysis part skipped.
 */
async function newestEntry(
  dir: string,
  key: string,
  fingerprint: string,
): Promise<PreviousIndexParts | undefined> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter(
    (name) => /^[0-9a-f]{64}\.idx$/.test(name) && name !== `${key}.idx`,
  );
  let newest: { name: string; at: number } | undefined;
  for (const name of names) {
    const at = (await stat(join(dir, name)).catch(() => undefined))?.mtimeMs;
    if (at !== undefined && (newest === undefined || at > newest.at)) newest = { name, at };
  }
  if (newest === undefined) return undefined;
  return readPreviousEntry(join(dir, newest.name), newest.name.slice(0, 64), fingerprint);
}

async function pruneEntries(dir: string): Promise<void> {
  // `.json` entries are the first format's: pruned like the others.
  const names = (await readdir(dir)).filter((name) => /^[0-9a-f]{64}\.(idx|json)$/.test(name));
  if (names.length <= KEEP_ENTRIES) return;
  const dated = await Promise.all(
    names.map(async (name) => ({
      name,
      at: (await stat(join(dir, name)).catch(() => undefined))?.mtimeMs ?? 0,
    })),
  );
  dated.sort((left, right) => right.at - left.at);
  for (const { name } of dated.slice(KEEP_ENTRIES)) await unlink(join(dir, name)).catch(() => undefined);
}
