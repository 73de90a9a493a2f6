import type { AgentInfo, DefinitionInfo, SysmlDiagnostic } from '../sysml/model-types.js';
import type { AgentSource } from './agent-registry.js';
import type { SsotLoadResult } from './load-ssot.js';

export const SSOT_SNAPSHOT_FORMAT = 'swarmlord.ssot-snapshot/v1';

/**
 * What a mission needs of a resolved SSOT, as plain JSON: the files read, every diagnostic, the
 * agents, and the answer of `findDefinition` for every name the registry can ask (the names the
 * agents specialize, transitively). A registry over it answers exactly as one over the model.
 */
export interface SsotSnapshot {
  format: typeof SSOT_SNAPSHOT_FORMAT;
  files: string[];
  diagnostics: SysmlDiagnostic[];
  agents: AgentInfo[];
  /** Name asked → the definition found, or null when the model has none by that name. */
  definitions: Record<string, DefinitionInfo | null>;
}

/** The snapshot of a loaded SSOT. */
export function snapshotSsot(loaded: Pick<SsotLoadResult, 'model' | 'diagnostics' | 'files'>): SsotSnapshot {
  const { model } = loaded;
  const agents = model.agents();
  const definitions: Record<string, DefinitionInfo | null> = {};
  const queue = agents.flatMap((agent) => agent.specializes);
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    if (Object.hasOwn(definitions, name)) continue;
    const definition = model.findDefinition(name) ?? null;
    definitions[name] = definition;
    if (definition !== null) queue.push(...definition.specializes);
  }
  return {
    format: SSOT_SNAPSHOT_FORMAT,
    files: [...loaded.files],
    diagnostics: [...loaded.diagnostics],
    agents,
    definitions,
  };
}

/** The registry's view of a snapshot; a name outside it was never asked by the registry (undefined). */
export function agentSourceOf(snapshot: SsotSnapshot): AgentSource {
  return {
    agents: () => snapshot.agents,
    findDefinition: (name) =>
      Object.hasOwn(snapshot.definitions, name) ? (snapshot.definitions[name] ?? undefined) : undefined,
  };
}

/** A parsed cache file, or undefined when it is not a snapshot of this format. */
export function asSsotSnapshot(value: unknown): SsotSnapshot | undefined {
  const candidate = value as Partial<SsotSnapshot> | null;
  if (candidate === null || typeof candidate !== 'object' || candidate.format !== SSOT_SNAPSHOT_FORMAT)
    return undefined;
  const { files, diagnostics, agents, definitions } = candidate;
  if (!Array.isArray(files) || !Array.isArray(diagnostics) || !Array.isArray(agents)) return undefined;
  if (definitions === null || typeof definitions !== 'object') return undefined;
  return candidate as SsotSnapshot;
}
