import { createHash } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, rename, stat, unlink, utimes } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { analyzeWorkspace } from '../analysis/index.js';
import { redactText } from '../blackboard/redact-secrets.js';
import { type Bm25Data, bm25DataProblem } from './bm25-index.js';
import { codeFingerprint } from './code-fingerprint.js';
import { openFileAnalysisMemo } from './file-analysis-memo.js';
import { fileContentHash } from './file-content-hash.js';
import type { WorkspaceFile } from './scan-workspace.js';
import {
  buildWorkspaceIndex,
  chunkPartsProblem,
  type WorkspaceIndex,
  type WorkspaceIndexOptions,
  type WorkspaceIndexParts,
  workspaceIndexFromParts,
} from './workspace-index.js';

/** Bump when the stored parts change shape. */
const FORMAT = 'swarmlord.workspace-index/v5';
/** Entries kept per cache folder (newest by use): a few workspaces or scopes, never a growing pile. */
const KEEP_ENTRIES = 4;
/** Typed arrays are written and read as their own bytes when the machine is little-endian. */
const LITTLE_ENDIAN = endianness() === 'LE';

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
  // Another content now: the remembered index is not kept beside the one built next.
  if (remembered?.dir === options.dir) remembered = undefined;
  // A miss re-parses only the files whose text (or whose imports' targets) changed.
  const memo = await openFileAnalysisMemo(options.dir, await codeFingerprint(), hashes);
  const built = buildWorkspaceIndex(files, { ...options, analysis: analyzeWorkspace(files, memo.memo) });
  const reused = memo.reused();
  const { header, bytes } = encodeEntry(key, built.parts());
  if (redactText(header) !== header) {
    return {
      index: built.index,
      source: 'built',
      reason: 'the index holds secret-looking text',
      key,
      reused,
    };
  }
  try {
    await mkdir(options.dir, { recursive: true });
    await memo.save();
    const temp = `${path}.${process.pid}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      // Each writeFile writes its piece whole, from where the previous one ended.
      for (const piece of bytes) await handle.writeFile(piece);
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    await pruneEntries(options.dir);
    return { index: built.index, source: 'stored', key, reused };
  } catch (error) {
    // A cache that cannot be written costs a rebuild next time, never the mission.
    const reason = `could not write ${path}: ${error instanceof Error ? error.message : String(error)}`;
    return { index: built.index, source: 'built', reason, key, reused };
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
  Object.freeze(parts.unparsedFiles);
  if (parts.textStems !== undefined) Object.freeze(parts.textStems);
  Object.freeze(parts.search.terms);
  // Typed arrays cannot be frozen: nothing writes to them (the search reads its data only).
  remembered = { dir, key, parts };
}

/**
 * An entry is one file: a first line `<format> <header bytes>`, the JSON header (key, file paths,
 * facts, the BM25 scalars and terms, the length of each array), then the arrays (BM25 offsets,
 * postings and field lengths; each chunk's file, first and last line) as little-endian uint32 bytes. The header's length up front lets a reader read the header and the arrays into
 * separate buffers: the arrays become views of the bytes read, never a second copy.
 */
function encodeEntry(key: string, parts: WorkspaceIndexParts): { header: string; bytes: Buffer[] } {
  const { search, chunkFiles, chunkStarts, chunkEnds, ...rest } = parts;
  const { offsets, postings, fieldLengths, terms, ...scalars } = search;
  const arrays = [offsets, postings, fieldLengths, chunkFiles, chunkStarts, chunkEnds];
  const header = JSON.stringify({
    format: FORMAT,
    key,
    parts: rest,
    search: { ...scalars, terms: terms.join(' ') },
    lengths: arrays.map((array) => array.length),
  });
  const headerBytes = Buffer.from(header, 'utf8');
  const body = arrays.map((array) => {
    if (LITTLE_ENDIAN) return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
    const bytes = Buffer.alloc(array.length * 4);
    for (let index = 0; index < array.length; index += 1)
      bytes.writeUInt32LE(array[index] as number, index * 4);
    return bytes;
  });
  // Written piece by piece: no second copy of the whole entry in memory.
  return { header, bytes: [Buffer.from(`${FORMAT} ${headerBytes.length}\n`), headerBytes, ...body] };
}

/** Longest first line: the format and a byte count. */
const PREFIX_BYTES = 64;

async function readEntry(path: string, key: string): Promise<WorkspaceIndexParts | undefined> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    const prefix = Buffer.alloc(Math.min(PREFIX_BYTES, size));
    await readFully(handle, prefix, 0);
    const newline = prefix.indexOf(10);
    const match = /^(\S+) (\d+)$/.exec(prefix.toString('latin1', 0, Math.max(newline, 0)));
    if (newline === -1 || match?.[1] !== FORMAT) return undefined;
    const headerLength = Number(match[2]);
    const arraysAt = newline + 1 + headerLength;
    if (arraysAt > size || (size - arraysAt) % 4 !== 0) return undefined;
    const headerBytes = Buffer.alloc(headerLength);
    await readFully(handle, headerBytes, newline + 1);
    const header = JSON.parse(headerBytes.toString('utf8')) as {
      format?: unknown;
      key?: unknown;
      parts: Omit<WorkspaceIndexParts, 'search' | 'chunkFiles' | 'chunkStarts' | 'chunkEnds'>;
      search: Omit<Bm25Data, 'offsets' | 'postings' | 'fieldLengths' | 'terms'> & { terms: string };
      lengths: number[];
    };
    if (header.format !== FORMAT || header.key !== key || !Array.isArray(header.lengths)) return undefined;
    const total = header.lengths.reduce((sum, length) => sum + length, 0);
    if (total * 4 !== size - arraysAt) return undefined;
    // One buffer for every array, read straight from the file; each array is a view of its part.
    const body = new Uint32Array(total);
    await readFully(handle, Buffer.from(body.buffer), arraysAt);
    if (!LITTLE_ENDIAN) {
      const view = new DataView(body.buffer);
      for (let index = 0; index < total; index += 1) body[index] = view.getUint32(index * 4, true);
    }
    const arrays: Uint32Array[] = [];
    let at = 0;
    for (const length of header.lengths) {
      arrays.push(body.subarray(at, at + length));
      at += length;
    }
    const [offsets, postings, fieldLengths, chunkFiles, chunkStarts, chunkEnds] = arrays;
    if (
      arrays.length !== 6 ||
      offsets === undefined ||
      postings === undefined ||
      fieldLengths === undefined ||
      chunkFiles === undefined ||
      chunkStarts === undefined ||
      chunkEnds === undefined
    )
      return undefined;
    const terms = header.search.terms === '' ? [] : header.search.terms.split(' ');
    const search: Bm25Data = { ...header.search, terms, offsets, postings, fieldLengths };
    const parts: WorkspaceIndexParts = { ...header.parts, chunkFiles, chunkStarts, chunkEnds, search };
    // A damaged entry is a miss, never a wrong answer.
    if (bm25DataProblem(search) !== undefined || chunkPartsProblem(parts) !== undefined) return undefined;
    return parts;
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Fills `buffer` from `position` of the file; a file shorter than that throws (a miss). */
async function readFully(handle: FileHandle, buffer: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesRead } = await handle.read(buffer, done, buffer.length - done, position + done);
    if (bytesRead === 0) throw new Error('the entry ends early');
    done += bytesRead;
  }
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
