import type {
  AgentInfo,
  DefinitionInfo,
  FeatureInfo,
  RequirementInfo,
  SysmlModel,
} from '../sysml/model-types.js';
import { type AgentCriterion, buildAgentInstructions, requirementCriterion } from './agent-instructions.js';
import { simpleName } from './doc-text.js';
import { type AgentModelChoice, type EnvironmentVariables, resolveAgentModel } from './model-env-key.js';
import { SsotError } from './ssot-error.js';

/** The agents of an SSOT model: the swarm's runtime registry of roles and specialist agents. */
export interface AgentRegistry {
  /** Every part def specializing `Agent`, in source order (the default roles first). */
  roles(): AgentInfo[];
  /**
   * An agent by name: a qualified name, or a simple name compared case-insensitively and ignoring
   * `_`/`-` and a trailing `Agent`, so `verifier_aux` finds `VerifierAux` and `security_reviewer`
   * finds `SecurityReviewerAgent`.
   */
  findAgent(name: string): AgentInfo | undefined;
  /** The agent's requirements, its own first, then inherited ones (nearest supertype first). */
  requirementsFor(name: string): RequirementInfo[];
  /** The agent's instructions, used as its system prompt. Throws `SSOT_UNKNOWN_AGENT`. */
  instructionsFor(name: string): string;
  /** The agent's requirements as criteria the validators check. Throws `SSOT_UNKNOWN_AGENT`. */
  criteriaFor(name: string): AgentCriterion[];
  /** A literal attribute value, looked up on the agent then on its supertypes. */
  attributeFor(name: string, attribute: string): string | number | boolean | undefined;
  /** The agent's model: `SWARMLORD_MODEL_<ROLE>` from the environment, else its `model` attribute. */
  modelFor(name: string): string | undefined;
  /** As `modelFor`, saying where the model came from. */
  modelChoiceFor(name: string): AgentModelChoice | undefined;
}

function lookupKeys(name: string): string[] {
  const key = simpleName(name)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  const withoutSuffix = key.length > 'agent'.length ? key.replace(/agent$/, '') : key;
  return withoutSuffix === key ? [key] : [key, withoutSuffix];
}

function matchesAttribute(feature: FeatureInfo, attribute: string): boolean {
  if (feature.kind !== 'attribute' && feature.kind !== 'ref') return false;
  return feature.name === attribute || feature.redefines.some((name) => simpleName(name) === attribute);
}

function literalValue(feature: FeatureInfo): string | number | boolean | undefined {
  if (feature.value !== undefined) return feature.value;
  const quoted = /^"(.*)"$/s.exec(feature.valueText?.trim() ?? '');
  return quoted?.[1];
}

/** What the registry reads of a model: its agents and the definitions they specialize. */
export type AgentSource = Pick<SysmlModel, 'agents' | 'findDefinition'>;

/**
 * Builds the registry over a resolved model (or a cached snapshot of its agents, see
 * `loadSsotRegistry`); `env` supplies the `SWARMLORD_MODEL_<ROLE>` overrides.
 */
export function createAgentRegistry(
  model: AgentSource,
  options: { env?: EnvironmentVariables } = {},
): AgentRegistry {
  const env = options.env ?? {};
  const agents = model.agents().filter((agent) => agent.name !== 'Agent');
  const byKey = new Map<string, AgentInfo>();
  // Exact simple names win over suffix-stripped aliases, and the first (default) model wins ties.
  for (const pass of [0, 1]) {
    for (const agent of agents) {
      const key = lookupKeys(agent.name)[pass];
      if (key !== undefined && !byKey.has(key)) byKey.set(key, agent);
    }
  }

  const findAgent = (name: string): AgentInfo | undefined =>
    agents.find((agent) => agent.qualifiedName === name) ??
    lookupKeys(name)
      .map((key) => byKey.get(key))
      .find((agent) => agent !== undefined);

  const requireAgent = (name: string): AgentInfo => {
    const agent = findAgent(name);
    if (agent !== undefined) return agent;
    const known = agents.map((candidate) => candidate.name).join(', ');
    throw new SsotError(
      'SSOT_UNKNOWN_AGENT',
      name,
      `no agent named "${name}" in the SSOT model (agents: ${known})`,
    );
  };

  /** The agent's supertypes, nearest first; the visited set stops a cyclic `:>` chain. */
  const ancestors = (agent: AgentInfo): DefinitionInfo[] => {
    const found: DefinitionInfo[] = [];
    const visited = new Set<string>([agent.qualifiedName]);
    const queue = [...agent.specializes];
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const definition = model.findDefinition(name);
      if (definition === undefined || visited.has(definition.qualifiedName)) continue;
      visited.add(definition.qualifiedName);
      found.push(definition);
      queue.push(...definition.specializes);
    }
    return found;
  };

  const requirementsFor = (name: string): RequirementInfo[] => {
    const agent = requireAgent(name);
    const all = [agent.requirements, ...ancestors(agent).map((definition) => definition.requirements)].flat();
    const seen = new Set<string>();
    const unique = all.filter(
      (requirement) => !seen.has(requirement.qualifiedName) && seen.add(requirement.qualifiedName),
    );
    const own = unique.filter((requirement) => requirement.owner === agent.qualifiedName);
    return [...own, ...unique.filter((requirement) => requirement.owner !== agent.qualifiedName)];
  };

  const attributeFor = (name: string, attribute: string): string | number | boolean | undefined => {
    const agent = requireAgent(name);
    const featureLists = [agent.attributes, ...ancestors(agent).map((definition) => definition.features)];
    for (const features of featureLists) {
      const feature = features.find((candidate) => matchesAttribute(candidate, attribute));
      const value = feature === undefined ? undefined : literalValue(feature);
      if (value !== undefined) return value;
    }
    return undefined;
  };

  const modelChoiceFor = (name: string): AgentModelChoice | undefined => {
    const agent = requireAgent(name);
    const value = attributeFor(agent.qualifiedName, 'model');
    return resolveAgentModel(agent.name, value === undefined ? undefined : String(value), env);
  };

  return {
    roles: () => [...agents],
    findAgent,
    requirementsFor,
    instructionsFor: (name) => {
      const agent = requireAgent(name);
      const persona = attributeFor(agent.qualifiedName, 'persona');
      return buildAgentInstructions(agent, requirementsFor(agent.qualifiedName), {
        ...(persona === undefined ? {} : { persona: String(persona) }),
      });
    },
    criteriaFor: (name) => requirementsFor(name).map(requirementCriterion),
    attributeFor,
    modelFor: (name) => modelChoiceFor(name)?.model,
    modelChoiceFor,
  };
}
