import type { SysmlDocument } from './ast.js';
import { findAgents } from './model-agents.js';
import { allElements, createModelTree } from './model-element.js';
import { isRequirement, ModelInfoBuilder } from './model-info.js';
import type { AgentInfo, DefinitionInfo, RequirementInfo, SysmlModel } from './model-types.js';
import { NameResolver } from './name-resolver.js';
import { findUnresolvedNames } from './unresolved-names.js';

/**
 * Resolves names across `documents` (one shared root namespace) and returns the query surface.
 * Resolution diagnostics (`unresolved-name`) are in `model.diagnostics`; parse diagnostics are not.
 *
 * @example
 * const model = buildSysmlModel([parseSysml(text, { file }).document]);
 * for (const agent of model.agents()) console.log(agent.name, agent.ports);
 */
export function buildSysmlModel(documents: readonly SysmlDocument[]): SysmlModel {
  const root = createModelTree(documents);
  const resolver = new NameResolver(root);
  const builder = new ModelInfoBuilder(resolver);
  const elements = allElements(root);
  const diagnostics = findUnresolvedNames(root, resolver);
  let definitions: DefinitionInfo[] | undefined;
  let agents: AgentInfo[] | undefined;

  const allDefinitions = (): DefinitionInfo[] => {
    definitions ??= elements
      .filter((element) => element.node?.type === 'Definition')
      .map((element) => builder.definition(element));
    return definitions;
  };

  return {
    diagnostics,
    definitions: () => [...allDefinitions()],
    findDefinition(name: string): DefinitionInfo | undefined {
      const candidates = allDefinitions();
      const exact = candidates.find((definition) => definition.qualifiedName === name);
      if (exact) return exact;
      const matches = candidates.filter(
        (definition) => definition.name === name || definition.qualifiedName.endsWith(`::${name}`),
      );
      return matches.length === 1 ? matches[0] : undefined;
    },
    requirements: (): RequirementInfo[] =>
      elements.filter((element) => isRequirement(element)).map((element) => builder.requirement(element)),
    agents: (): AgentInfo[] => {
      agents ??= findAgents(root, resolver, builder);
      return [...agents];
    },
  };
}
