import type { ImportNode, SysmlDocument } from './ast.js';
import { findAgents } from './model-agents.js';
import { findModelProblems } from './model-checks.js';
import { allElements, createModelTree } from './model-element.js';
import { isRequirement, ModelInfoBuilder } from './model-info.js';
import type { AgentInfo, DefinitionInfo, RequirementInfo, SysmlModel } from './model-types.js';
import { NameResolver } from './name-resolver.js';
import { standardLibraryFor } from './standard-library.js';
import { findUnresolvedNames } from './unresolved-names.js';

/**
 * `private import ScalarValues::*;` at the root: models written for the first subset (the seed among
 * them) use `String`, `Real` and `Boolean` without importing them, and these names are unambiguous.
 */
function scalarValuesImport(): ImportNode {
  const location = { file: '(standard library)', line: 1, column: 1 };
  return {
    type: 'Import',
    visibility: 'private',
    isAll: false,
    target: {
      type: 'QualifiedName',
      segments: ['ScalarValues'],
      isGlobal: false,
      text: 'ScalarValues',
      location,
    },
    importsMembers: true,
    isRecursive: false,
    annotations: [],
    location,
  };
}

/** Options for `buildSysmlModel`. */
export interface BuildSysmlModelOptions {
  /**
   * Resolve against the shipped standard library (default true): the library packages the model
   * names are parsed on first use and shared by later models. False leaves library names unresolved.
   */
  standardLibrary?: boolean;
}

/**
 * Resolves names across `documents` (one shared root namespace) and returns the query surface.
 * Resolution diagnostics (`unresolved-name`) are in `model.diagnostics`; parse diagnostics are not.
 *
 * @example
 * const model = buildSysmlModel([parseSysml(text, { file }).document]);
 * for (const agent of model.agents()) console.log(agent.name, agent.ports);
 */
export function buildSysmlModel(
  documents: readonly SysmlDocument[],
  options: BuildSysmlModelOptions = {},
): SysmlModel {
  const library = options.standardLibrary === false ? [] : standardLibraryFor(documents);
  const root = createModelTree(documents, library);
  if (library.length > 0) root.imports.push(scalarValuesImport());
  const resolver = new NameResolver(root);
  const builder = new ModelInfoBuilder(resolver);
  const elements = allElements(root).filter((element) => !element.fromLibrary);
  const diagnostics = [...findUnresolvedNames(root, resolver), ...findModelProblems(root, resolver)];
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
