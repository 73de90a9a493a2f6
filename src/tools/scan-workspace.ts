import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createGitignoreMatcher } from './gitignore-matcher.js';
import { createPathScope, type PathScopeOptions } from './path-scope.js';
import { createScanTally, type ScanReport, type SkipReason } from './scan-report.js';

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
  done: boolean;
}

export interface ScanOptions {
  /** Largest file read, in bytes (default 256 KiB): bigger files are rarely hand-written source. */
  maxFileBytes?: number;
  /** Most files read (default 5,000). */
  maxFiles?: number;
  /** Stops the scan between files (Ctrl-C): it returns what it read, with `report.interrupted`. */
  signal?: AbortSignal;
  /** Called every `progressEvery` files and once at the end. */
  onProgress?: (progress: ScanProgress) => void;
  /** Default 200. */
  progressEvery?: number;
  /** The mission's `scope`: only included, not excluded paths are read (skips say `out-of-scope`). */
  scope?: PathScopeOptions;
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
]);

const BINARY_EXTENSIONS =
  /\.(png|jpe?g|gif|webp|ico|pdf|zip|gz|tgz|jar|wasm|so|dylib|dll|exe|bin|woff2?|ttf|eot|mp[34]|mov|sqlite|db)$/i;
/** Text that is generated, not written: lock files, source maps, minified bundles. */
const GENERATED_FILES =
  /(\.(lock|map)|\.min\.js|(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?))$/i;

/**
 * Reads the workspace's text files breadth-first in name order and accounts for every file it
 * leaves out: hidden entries, dependency/build/output folders, `.gitignore`d paths (root and
 * nested `.gitignore` files), symlinks (never followed: they may leave the workspace), binary,
 * generated, empty and too-large files, unreadable entries, and files beyond the file cap.
 */
export async function scanWorkspaceWithReport(
  root: string,
  options: ScanOptions = {},
): Promise<WorkspaceScan> {
  const maxFileBytes = options.maxFileBytes ?? 256 * 1024;
  const maxFiles = options.maxFiles ?? 5_000;
  const every = options.progressEvery ?? 200;
  const tally = createScanTally(maxFiles);
  const gitignore = createGitignoreMatcher();
  const scope = createPathScope(options.scope ?? {});
  const files: WorkspaceFile[] = [];
  const pending: string[] = [''];
  const progress = (done: boolean) =>
    options.onProgress?.({ files: files.length, skipped: tally.skippedCount(), done });
  const skip = (reason: SkipReason, path: string) => tally.skip(reason, path);
  let interrupted = false;
  scan: while (pending.length > 0) {
    if (options.signal?.aborted) {
      interrupted = true;
      break;
    }
    const directory = pending.shift() as string;
    let entries: Dirent[];
    try {
      entries = await readdir(join(root, directory), { withFileTypes: true });
    } catch {
      skip('unreadable', directory || '.');
      continue;
    }
    entries.sort((left, right) => left.name.localeCompare(right.name));
    const ignoreFile = entries.find((entry) => entry.name === '.gitignore' && entry.isFile());
    if (ignoreFile !== undefined) {
      const text = await readFile(join(root, directory, '.gitignore'), 'utf8').catch(() => '');
      gitignore.add(directory, text);
      tally.gitignoreRead(directory === '' ? '.gitignore' : `${directory}/.gitignore`);
    }
    for (const entry of entries) {
      const path = directory === '' ? entry.name : `${directory}/${entry.name}`;
      if (entry.name.startsWith('.')) {
        if (entry.name !== '.git') skip('hidden', path);
        continue;
      }
      if (entry.isSymbolicLink()) {
        skip('symlink', path);
        continue;
      }
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(entry.name)) skip('ignored-folder', path);
        else if (gitignore.ignores(path, true)) skip('gitignored', path);
        else if (!scope.entersFolder(path)) skip('out-of-scope', path);
        else pending.push(path);
        continue;
      }
      if (!entry.isFile()) continue;
      if (gitignore.ignores(path, false)) skip('gitignored', path);
      else if (!scope.includesFile(path)) skip('out-of-scope', path);
      else if (BINARY_EXTENSIONS.test(entry.name)) skip('binary', path);
      else if (GENERATED_FILES.test(path)) skip('generated', path);
      else if (files.length >= maxFiles) skip('file-cap', path);
      else {
        const reason = await readTextFile(root, path, maxFileBytes, files);
        if (reason !== undefined) skip(reason, path);
        else if (files.length % every === 0) progress(false);
      }
      if (options.signal?.aborted) {
        interrupted = true;
        break scan;
      }
    }
  }
  progress(true);
  return { files, report: { ...tally.report(files.length), interrupted } };
}

async function readTextFile(
  root: string,
  path: string,
  maxFileBytes: number,
  files: WorkspaceFile[],
): Promise<SkipReason | undefined> {
  const absolute = join(root, path);
  try {
    const info = await lstat(absolute);
    if (info.size === 0) return 'empty';
    if (info.size > maxFileBytes) return 'too-large';
    const buffer = await readFile(absolute);
    if (buffer.includes(0)) return 'binary';
    files.push({ path, text: buffer.toString('utf8') });
    return undefined;
  } catch {
    return 'unreadable';
  }
}

/** Reads the workspace's text files (see {@link scanWorkspaceWithReport} for what is left out and why). */
export async function scanWorkspace(root: string, options: ScanOptions = {}): Promise<WorkspaceFile[]> {
  return (await scanWorkspaceWithReport(root, options)).files;
}
