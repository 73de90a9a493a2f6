import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { DEFAULT_SSOT_PATH, PROJECT_SSOT_FILE } from './default-ssot-path.js';
import type { EnvironmentVariables } from './model-env-key.js';
import { SsotError } from './ssot-error.js';

/** What `loadSsot` reads. */
export interface SsotLoadOptions {
  /** The project root; the project model is `ssot/HFO_SSOT.sysml` in it. */
  cwd: string;
  /** A model to load instead of the project's (relative to `cwd`); it must exist. */
  file?: string;
  /**
   * Files and directories to load instead of the project's, as one model (relative to `cwd`); each
   * must exist, and a directory contributes every `.sysml` and `.kerml` file below it.
   */
  paths?: readonly string[];
  /** Leave out the shipped default model (default: included). */
  withoutDefault?: boolean;
  /** Supplies the `SWARMLORD_MODEL_<ROLE>` overrides; default `process.env`. */
  env?: EnvironmentVariables;
}

function displayPath(cwd: string, path: string): string {
  const fromCwd = relative(cwd, path);
  return fromCwd !== '' && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : path;
}

async function existingRealPath(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The model files at `path`: the file itself, or every `.sysml`/`.kerml` file below a directory, sorted. */
async function modelFilesAt(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const files: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) files.push(...(await modelFilesAt(child)));
    else if (entry.name.endsWith('.sysml') || entry.name.endsWith('.kerml')) files.push(child);
  }
  return files;
}

/** The real paths of the model files `written` names, or an `SSOT_NOT_FOUND` error for a missing one. */
async function requestedFiles(cwd: string, written: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of written) {
    const real = await existingRealPath(resolve(cwd, path));
    if (real === undefined) throw new SsotError('SSOT_NOT_FOUND', path, `no such SSOT file: ${path}`);
    files.push(...(await modelFilesAt(real)));
  }
  return files;
}

/** The model files `loadSsot` reads, in order: real paths, the default model first (read once). */
export async function resolveSsotFiles(options: SsotLoadOptions): Promise<string[]> {
  const cwd = resolve(options.cwd);
  const paths: string[] = [];
  if (options.withoutDefault !== true) paths.push(await realpath(DEFAULT_SSOT_PATH));
  const written = options.paths ?? (options.file === undefined ? [] : [options.file]);
  // Without explicit paths the project's SSOT is every model file under `ssot/` (none is fine).
  const projectDirectory = await existingRealPath(resolve(cwd, dirname(PROJECT_SSOT_FILE)));
  const projectFiles =
    written.length > 0
      ? await requestedFiles(cwd, written)
      : projectDirectory
        ? await modelFilesAt(projectDirectory)
        : [];
  for (const projectReal of projectFiles) {
    if (!paths.includes(projectReal)) paths.push(projectReal);
  }
  return paths;
}

/** One model file as read: its real path, its name in diagnostics, and its text. */
export interface SsotSourceFile {
  path: string;
  file: string;
  text: string;
}

/** Reads the files `resolveSsotFiles` named. */
export async function readSsotFiles(cwd: string, paths: readonly string[]): Promise<SsotSourceFile[]> {
  const root = resolve(cwd);
  return Promise.all(
    paths.map(async (path) => ({ path, file: displayPath(root, path), text: await readFile(path, 'utf8') })),
  );
}
