import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { buildSysmlModel, parseSysml } from '../sysml/index.js';
import type { SysmlDiagnostic, SysmlModel } from '../sysml/model-types.js';
import { type AgentRegistry, createAgentRegistry } from './agent-registry.js';
import { DEFAULT_SSOT_PATH, PROJECT_SSOT_FILE } from './default-ssot-path.js';
import type { EnvironmentVariables } from './model-env-key.js';
import { SsotError } from './ssot-error.js';
import { hintUnresolvedNames } from './unresolved-name-hint.js';

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

/** The resolved SSOT: the default model extended by the project's. */
export interface SsotLoadResult {
  model: SysmlModel;
  /** Parse diagnostics of every file, then resolution diagnostics. */
  diagnostics: SysmlDiagnostic[];
  /** The files read, as diagnostics name them: relative to `cwd` when inside it. */
  files: string[];
  registry: AgentRegistry;
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

/** Parses and resolves the files read as one model (what `loadSsot` returns). */
export function buildSsot(
  sources: readonly SsotSourceFile[],
  options: Pick<SsotLoadOptions, 'withoutDefault' | 'env'>,
): SsotLoadResult {
  const files: string[] = [];
  const documents = [];
  const diagnostics: SysmlDiagnostic[] = [];
  for (const source of sources) {
    const parsed = parseSysml(source.text, { file: source.file });
    files.push(source.file);
    documents.push(parsed.document);
    diagnostics.push(...parsed.diagnostics);
  }
  if (options.withoutDefault !== true) {
    // The default package is imported into the shared root namespace, so a project file may use the
    // seed's bare form (`part def X :> Agent { ... }`) without its own `private import HFO_SSOT::*;`.
    documents.push(parseSysml('private import HFO_SSOT::*;', { file: '(default import)' }).document);
  }
  const model = buildSysmlModel(documents);
  diagnostics.push(...hintUnresolvedNames(model.diagnostics, model));
  const registry = createAgentRegistry(model, { env: options.env ?? process.env });
  return { model, diagnostics, files, registry };
}

/**
 * Loads the default model shipped with swarmlord plus the project's model, and resolves them as one
 * model, so a project's `part def SecurityReviewerAgent :> Agent` specializes the default `Agent`.
 * A file that is the default model itself (as in swarmlord's own checkout) is read once. A mission,
 * which needs the agents only, uses `loadSsotRegistry` (cached by content) instead.
 *
 * @example
 * const { registry, diagnostics } = await loadSsot({ cwd: process.cwd() });
 * const prompt = registry.instructionsFor('observer');
 */
export async function loadSsot(options: SsotLoadOptions): Promise<SsotLoadResult> {
  const paths = await resolveSsotFiles(options);
  return buildSsot(await readSsotFiles(options.cwd, paths), options);
}
