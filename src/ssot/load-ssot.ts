import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
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

/**
 * Loads the default model shipped with swarmlord plus the project's model, and resolves them as one
 * model, so a project's `part def SecurityReviewerAgent :> Agent` specializes the default `Agent`.
 * A file that is the default model itself (as in swarmlord's own checkout) is read once.
 *
 * @example
 * const { registry, diagnostics } = await loadSsot({ cwd: process.cwd() });
 * const prompt = registry.instructionsFor('observer');
 */
export async function loadSsot(options: SsotLoadOptions): Promise<SsotLoadResult> {
  const cwd = resolve(options.cwd);
  const paths: string[] = [];
  if (options.withoutDefault !== true) paths.push(await realpath(DEFAULT_SSOT_PATH));
  const projectPath = resolve(cwd, options.file ?? PROJECT_SSOT_FILE);
  const projectReal = await existingRealPath(projectPath);
  if (projectReal === undefined && options.file !== undefined) {
    throw new SsotError('SSOT_NOT_FOUND', options.file, `no such SSOT file: ${options.file}`);
  }
  if (projectReal !== undefined && !paths.includes(projectReal)) paths.push(projectReal);

  const files: string[] = [];
  const documents = [];
  const diagnostics: SysmlDiagnostic[] = [];
  for (const path of paths) {
    const file = displayPath(cwd, path);
    const parsed = parseSysml(await readFile(path, 'utf8'), { file });
    files.push(file);
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
