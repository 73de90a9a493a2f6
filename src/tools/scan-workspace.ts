import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** A readable text file of the workspace. */
export interface WorkspaceFile {
  /** Workspace-relative path with `/` separators. */
  path: string;
  text: string;
}

export interface ScanOptions {
  /** Largest file read, in bytes (default 256 KiB): bigger files are rarely hand-written source. */
  maxFileBytes?: number;
  /** Most files read (default 5,000). */
  maxFiles?: number;
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

const SKIPPED_EXTENSIONS =
  /\.(png|jpe?g|gif|webp|ico|pdf|zip|gz|tgz|jar|wasm|so|dylib|dll|exe|bin|lock|map|min\.js|woff2?|ttf|eot|mp[34]|mov|sqlite|db)$/i;

/** Reads the workspace's text files, skipping hidden, generated and binary content. */
export async function scanWorkspace(root: string, options: ScanOptions = {}): Promise<WorkspaceFile[]> {
  const maxFileBytes = options.maxFileBytes ?? 256 * 1024;
  const maxFiles = options.maxFiles ?? 5_000;
  const files: WorkspaceFile[] = [];
  const pending: string[] = [root];
  while (pending.length > 0 && files.length < maxFiles) {
    const directory = pending.shift() as string;
    let entries: Dirent[];
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch {
      // An unreadable folder is skipped: perception works with what it can see.
      continue;
    }
    entries.sort((left, right) => left.name.localeCompare(right.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const absolute = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(absolute);
        continue;
      }
      if (!entry.isFile() || SKIPPED_EXTENSIONS.test(entry.name)) continue;
      const info = await stat(absolute);
      if (info.size > maxFileBytes || info.size === 0) continue;
      const buffer = await readFile(absolute);
      if (buffer.includes(0)) continue;
      files.push({ path: relative(root, absolute).split(sep).join('/'), text: buffer.toString('utf8') });
      if (files.length >= maxFiles) break;
    }
  }
  return files;
}
