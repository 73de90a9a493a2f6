export type { SsotLoadOptions, SsotSourceFile } from './ssot-files.js';

import { buildSysmlModel, parseSysml } from '../sysml/index.js';
import type { SysmlDiagnostic, SysmlModel } from '../sysml/model-types.js';
import { type AgentRegistry, createAgentRegistry } from './agent-registry.js';
import { readSsotFiles, resolveSsotFiles, type SsotLoadOptions, type SsotSourceFile } from './ssot-files.js';
import { hintUnresolvedNames } from './unresolved-name-hint.js';

/** The resolved SSOT: the default model extended by the project's. */
export interface SsotLoadResult {
  model: SysmlModel;
  /** Parse diagnostics of every file, then resolution diagnostics. */
  diagnostics: SysmlDiagnostic[];
  /** The files read, as diagnostics name them: relative to `cwd` when inside it. */
  files: string[];
  registry: AgentRegistry;
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
