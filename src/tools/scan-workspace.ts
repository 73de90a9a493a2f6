import { closeSync, type Dirent, lstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createGitignoreMatcher } from './gitignore-matcher.js';
import { createPathScope, type PathScopeOptions } from './path-scope.js';
import { createScanIo } from './scan-io.js';
import { createScanTally, type ScanReport, type SkipReason } from './scan-report.js';

/** The default total byte budget of a scan: a large real repository's source fits, memory stays bounded. */
export const DEFAULT_MAX_TOTAL_BYTES = 48 * 2 ** 20;

/** A readable text file of the workspace. */
export interface WorkspaceFile {
  /** Workspace-relative path with `/` separators. */
  path: string;
  text: string;
}

/** How far a scan has got, for a "scanning N files" line. */
export interface ScanProgress {
  /** Files read so far. */
  files: number;
  /** Files and folders skipped so far. */
  skipped: number;
  /** Bytes of text read so far. */
  bytes?: number;
  /** True once the total byte budget left files out. */
  budgetReached?: boolean;
  done: boolean;
}

export interface ScanOptions {
  /** Largest file read, in bytes (default 256 KiB): bigger files are rarely hand-written source. */
  maxFileBytes?: number;
  /** Most files read (default 5,000). */
  maxFiles?: number;
  /** Most bytes of text read in total (default 48 MiB); files past it are skipped as `byte-budget`. */
  maxTotalBytes?: number;
  /** Stops the scan between files (Ctrl-C): it returns what it read, with `report.interrupted`. */
  signal?: AbortSignal;
  /** Called every `progressEvery` files and once at the end. */
  onProgress?: (progress: ScanProgress) => void;
  /** Default 200. */
  progressEvery?: number;
  /** The mission's `scope`: only included, not excluded paths are read (skips say `out-of-scope`). */
  scope?: PathScopeOptions;
  /** Concurrent I/O from the start (default: synchronous until a slice shows the disk is slow). */
  concurrentIo?: boolean;
}

/** The files read and the account of everything left out. */
export interface WorkspaceScan {
  files: WorkspaceFile[];
  report: ScanReport;
}

/** Folders that hold generated or third-party content, or swarmlord's own outputs. */
const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  'dist',
  'build',
  'coverage',
  'target',
  'vendor',
  '__pycache__',
  'hfo_blackboard',
  'hfo_digests',
  'hfo_mission_intent',
  'hfo_cache',
  'hfo_journal',
]);

const BINARY_EXTENSIONS =
  /\.(png|jpe?g|gif|webp|ico|pdf|zip|gz|tgz|jar|wasm|so|dylib|dll|exe|bin|woff2?|ttf|eot|mp[34]|mov|sqlite|db)$/i;
/** Text that is generated, not written: lock files, source maps, minified bundles. */
const GENERATED_FILES =
  /(\.(lock|map)|\.min\.js|(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?))$/i;

/** A file that passed the name checks, waiting for its size and bytes. */
interface Candidate {
  path: string;
  /** The listing of a folder (folders only). */
  entries?: Dirent[];
  size?: number;
  /** Its bytes (read concurrently) or its text (read synchronously, decoded at once). */
  buffer?: Buffer;
  text?: string;
  /** Bytes read synchronously (with `text`). */
  read?: number;
  problem?: SkipReason;
}

/**
 * Reads the workspace's text files breadth-first in name order and accounts for every file it
 * leaves out: hidden entries, dependency/build/output folders, `.gitignore`d paths (root and
 * nested `.gitignore` files), symlinks (never followed: they may leave the workspace), binary,
 * generated, empty and too-large files, unreadable entries, files beyond the file cap and beyond
 * the total byte budget (`maxTotalBytes`: memory stays bounded whatever the workspace holds).
 * I/O is synchronous from the page cache, concurrent on a slow disk (`scan-io.ts`: each folder
 * level listed together, files stat'ed and read 16 at a time), but what is kept is decided in name
 * order, so the same workspace always gives the same files.
 */
export async function scanWorkspaceWithReport(
  root: string,
  options: ScanOptions = {},
): Promise<WorkspaceScan> {
  const maxFileBytes = options.maxFileBytes ?? 256 * 1024;
  const maxFiles = options.maxFiles ?? 5_000;
  const maxTotalBytes = options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  const every = options.progressEvery ?? 200;
  const tally = createScanTally(maxFiles, maxTotalBytes);
  const gitignore = createGitignoreMatcher();
  const scope = createPathScope(options.scope ?? {});
  const files: WorkspaceFile[] = [];
  let bytesRead = 0;
  let budgetReached = false;
  let level: string[] = [''];
  const io = createScanIo(options.concurrentIo === undefined ? {} : { concurrent: options.concurrentIo });
  const under = absoluteUnder(root);
  const progress = (done: boolean) =>
    options.onProgress?.({
      files: files.length,
      skipped: tally.skippedCount(),
      bytes: bytesRead,
      budgetReached,
      done,
    });
  const skip = (reason: SkipReason, path: string) => tally.skip(reason, path);
  let interrupted = false;
  const stopped = () => {
    if (options.signal?.aborted) interrupted = true;
    return interrupted;
  };
  // Files past the cap or the budget are only named, never stat'ed or read.
  let full = false;
  let reserved = 0;
  while (level.length > 0 && !stopped()) {
    const listed: Candidate[] = level.map((path) => ({ path }));
    await io.each(
      listed,
      (folder) => {
        try {
          folder.entries = readdirSync(under(folder.path), { withFileTypes: true });
        } catch {
          // Unreadable: said below.
        }
      },
      async (folder) => {
        folder.entries = await readdir(under(folder.path), { withFileTypes: true }).catch(() => undefined);
      },
    );
    const nextLevel: string[] = [];
    for (const [position, directory] of level.entries()) {
      const entries = listed[position]?.entries;
      if (entries === undefined) {
        skip('unreadable', directory || '.');
        continue;
      }
      entries.sort((left, right) => left.name.localeCompare(right.name));
      const ignoreFile = entries.find((entry) => entry.name === '.gitignore' && entry.isFile());
      if (ignoreFile !== undefined) {
        const ignorePath = under(directory === '' ? '.gitignore' : `${directory}/.gitignore`);
        // Read as the scan reads: synchronously from the page cache, unless the disk proved slow.
        const text = io.concurrent
          ? await readFile(ignorePath, 'utf8').catch(() => '')
          : readTextOrEmpty(ignorePath);
        gitignore.add(directory, text);
        tally.gitignoreRead(directory === '' ? '.gitignore' : `${directory}/.gitignore`);
      }
      const candidates: Candidate[] = [];
      for (const entry of entries) {
        const path = directory === '' ? entry.name : `${directory}/${entry.name}`;
        const reason = entryProblem(entry, path, gitignore, scope);
        if (reason === 'folder') nextLevel.push(path);
        else if (reason !== undefined) {
          if (reason !== 'none') skip(reason, path);
        } else if (full) skip(budgetReached ? 'byte-budget' : 'file-cap', path);
        else candidates.push({ path });
      }
      await io.each(
        candidates,
        (candidate) => statCandidate(under, candidate, maxFileBytes),
        (candidate) => statCandidateAsync(under, candidate, maxFileBytes),
      );
      // Decide in name order which files fit under the cap and the budget, then read only those.
      const chosen: Candidate[] = [];
      for (const candidate of candidates) {
        const size = candidate.size ?? 0;
        if (candidate.problem !== undefined) skip(candidate.problem, candidate.path);
        else if (full || files.length + chosen.length >= maxFiles) {
          full = true;
          skip(budgetReached ? 'byte-budget' : 'file-cap', candidate.path);
        } else if (reserved + size > maxTotalBytes) {
          full = true;
          budgetReached = true;
          skip('byte-budget', candidate.path);
        } else {
          reserved += size;
          chosen.push(candidate);
        }
      }
      await io.each(
        chosen,
        (candidate) => {
          if (!options.signal?.aborted) readCandidate(under, candidate);
        },
        async (candidate) => {
          if (!options.signal?.aborted) await readCandidateAsync(under, candidate);
        },
      );
      for (const candidate of chosen) {
        if (candidate.problem !== undefined) skip(candidate.problem, candidate.path);
        else if (candidate.text !== undefined) {
          // Read synchronously: the bytes counted are the size read (lstat's, or fewer if it shrank).
          bytesRead += candidate.read ?? 0;
          files.push({ path: candidate.path, text: candidate.text });
          if (files.length % every === 0) progress(false);
        } else if (candidate.buffer === undefined) interrupted = true;
        else {
          bytesRead += candidate.buffer.length;
          files.push({ path: candidate.path, text: candidate.buffer.toString('utf8') });
          if (files.length % every === 0) progress(false);
        }
        delete candidate.buffer;
        delete candidate.text;
      }
      if (stopped()) break;
    }
    level = nextLevel;
  }
  progress(true);
  return { files, report: { ...tally.report(files.length, bytesRead), interrupted } };
}

/** Why an entry is not a file to read: a folder to enter, a skip reason, or `none` (ignored silently). */
function entryProblem(
  entry: Dirent,
  path: string,
  gitignore: ReturnType<typeof createGitignoreMatcher>,
  scope: ReturnType<typeof createPathScope>,
): SkipReason | 'folder' | 'none' | undefined {
  if (entry.name.startsWith('.')) return entry.name === '.git' ? 'none' : 'hidden';
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isDirectory()) {
    if (SKIPPED_DIRECTORIES.has(entry.name)) return 'ignored-folder';
    if (gitignore.ignores(path, true)) return 'gitignored';
    if (!scope.entersFolder(path)) return 'out-of-scope';
    return 'folder';
  }
  if (!entry.isFile()) return 'none';
  if (gitignore.ignores(path, false)) return 'gitignored';
  if (!scope.includesFile(path)) return 'out-of-scope';
  if (BINARY_EXTENSIONS.test(entry.name)) return 'binary';
  if (GENERATED_FILES.test(path)) return 'generated';
  return undefined;
}

function sized(candidate: Candidate, size: number, maxFileBytes: number): void {
  candidate.size = size;
  if (size === 0) candidate.problem = 'empty';
  else if (size > maxFileBytes) candidate.problem = 'too-large';
}

/** The file system path of a workspace path (`/`-separated, made of listed names: no `.` or `..`). */
type Under = (path: string) => string;

/**
 * `join(root, path)` for the scan's own paths, without normalising each one again: the root is
 * normalised once (with its separator), and a path built from listed names has nothing to normalise.
 */
function absoluteUnder(root: string): Under {
  const prefix = join(root, 'x').slice(0, -1);
  return (path) => prefix + path;
}

function statCandidate(under: Under, candidate: Candidate, maxFileBytes: number): void {
  try {
    sized(candidate, lstatSync(under(candidate.path)).size, maxFileBytes);
  } catch {
    candidate.problem = 'unreadable';
  }
}

async function statCandidateAsync(under: Under, candidate: Candidate, maxFileBytes: number): Promise<void> {
  try {
    sized(candidate, (await lstat(under(candidate.path))).size, maxFileBytes);
  } catch {
    candidate.problem = 'unreadable';
  }
}

function kept(candidate: Candidate, buffer: Buffer): void {
  if (buffer.includes(0)) candidate.problem = 'binary';
  else candidate.buffer = buffer;
}

/**
 * Where synchronous reads land: one buffer reused for every file (grown to the largest read), each
 * file decoded to its text before the next is read, so a scan does not allocate, and leave for the
 * collector, a buffer per file (megabytes of native memory that stay resident once freed).
 */
let scratch = Buffer.allocUnsafeSlow(64 * 1024);

function readCandidate(under: Under, candidate: Candidate): void {
  let fd: number | undefined;
  try {
    fd = openSync(under(candidate.path), 'r');
    const size = candidate.size ?? 0;
    if (scratch.length < size) scratch = Buffer.allocUnsafeSlow(Math.max(size, scratch.length * 2));
    const bytes = readOpenFile(fd, scratch, size);
    if (bytes.includes(0)) candidate.problem = 'binary';
    else {
      candidate.text = bytes.toString('utf8');
      candidate.read = bytes.length;
    }
  } catch {
    candidate.problem = 'unreadable';
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

/**
 * The file's bytes in `buffer` (at least `size` long), as many as its `lstat` said when the scan
 * decided to read it (the size the byte budget counted; `readFileSync` would stat it again for the
 * same number): read until that many came or the file ended (it shrank).
 */
function readOpenFile(fd: number, buffer: Buffer, size: number): Buffer {
  let length = 0;
  while (length < size) {
    const bytesRead = readSync(fd, buffer, length, size - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  return buffer.subarray(0, length);
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Read already: a failed close loses nothing.
  }
}

async function readCandidateAsync(under: Under, candidate: Candidate): Promise<void> {
  try {
    kept(candidate, await readFile(under(candidate.path)));
  } catch {
    candidate.problem = 'unreadable';
  }
}

function readTextOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Reads the workspace's text files (see {@link scanWorkspaceWithReport} for what is left out and why). */
export async function scanWorkspace(root: string, options: ScanOptions = {}): Promise<WorkspaceFile[]> {
  return (await scanWorkspaceWithReport(root, options)).files;
}
