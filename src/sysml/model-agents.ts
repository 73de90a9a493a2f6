import { allElements, type ModelElement } from './model-element.js';
import { isRequirement, type ModelInfoBuilder } from './model-info.js';
import type { AgentInfo, AgentPortInfo, FeatureInfo, RequirementInfo } from './model-types.js';
import type { NameResolver } from './name-resolver.js';

const agentBaseName = 'Agent';

/** The element and all its generals, transitively, nearest first. */
function lineage(element: ModelElement, resolver: NameResolver): ModelElement[] {
  const seen = new Set<ModelElement>([element]);
  const queue = [element];
  for (let index = 0; index < queue.length; index += 1) {
    for (const general of resolver.generals(queue[index] as ModelElement)) {
      if (seen.has(general)) continue;
      seen.add(general);
      queue.push(general);
    }
  }
  return queue;
}

function specializesAgent(element: ModelElement, resolver: NameResolver): boolean {
  const node = element.node;
  if (node?.type !== 'Definition' || node.kind !== 'part') return false;
  const ancestors = lineage(element, resolver).slice(1);
  if (ancestors.some((ancestor) => ancestor.name === agentBaseName && ancestor.node?.type === 'Definition'))
    return true;
  // An unresolved `:> Agent` still marks an agent: the model may be built without the base library.
  return ancestors
    .concat(element)
    .some(
      (candidate) =>
        candidate.node?.type === 'Definition' &&
        candidate.node.specializes.some((name) => name.segments[name.segments.length - 1] === agentBaseName),
    );
}

/** The features owned by the lineage, nearest first, skipping those redefined or shadowed by a nearer one. */
function effectiveFeatures(elements: readonly ModelElement[], builder: ModelInfoBuilder): FeatureInfo[] {
  const features: FeatureInfo[] = [];
  const redefined = new Set<string>();
  const names = new Set<string>();
  for (const element of elements) {
    for (const child of element.children) {
      if (child.node?.type !== 'Usage') continue;
      const feature = builder.feature(child, child.node);
      if (redefined.has(child.qualifiedName) || (feature.name !== '' && names.has(feature.name))) continue;
      for (const name of feature.redefines) redefined.add(name);
      if (feature.name !== '') names.add(feature.name);
      features.push(feature);
    }
  }
  return features;
}

/** Builds the `AgentInfo` of every part def specializing `Agent`, in source order. */
export function findAgents(
  root: ModelElement,
  resolver: NameResolver,
  builder: ModelInfoBuilder,
): AgentInfo[] {
  const agents: AgentInfo[] = [];
  // Library elements are neither agents nor contribute features: `Parts::Part` is every part's base.
  const modelElements = allElements(root).filter((element) => !element.fromLibrary);
  for (const element of modelElements) {
    if (!specializesAgent(element, resolver)) continue;
    const definition = builder.definition(element);
    const elements = lineage(element, resolver).filter(
      (candidate) => candidate.node?.type === 'Definition' && !candidate.fromLibrary,
    );
    const features = effectiveFeatures(elements, builder);
    const requirements: RequirementInfo[] = [];
    for (const candidate of elements) {
      for (const child of candidate.children)
        if (isRequirement(child)) requirements.push(builder.requirement(child));
    }
    const ports: AgentPortInfo[] = features
      .filter((feature) => feature.kind === 'port')
      .map((feature) => {
        const port: AgentPortInfo = { name: feature.name, types: feature.types };
        if (feature.direction) port.direction = feature.direction;
        const typeElement = feature.types
          .map((type) => modelElements.find((candidate) => candidate.qualifiedName === type))
          .find((candidate) => candidate?.node?.type === 'Definition');
        if (typeElement) port.typeDefinition = builder.definition(typeElement);
        return port;
      });
    const agent: AgentInfo = {
      name: definition.name,
      qualifiedName: definition.qualifiedName,
      specializes: definition.specializes,
      attributes: features.filter((feature) => feature.kind === 'attribute'),
      requirements,
      ports,
      location: definition.location,
    };
    if (definition.doc !== undefined) agent.doc = definition.doc;
    agents.push(agent);
  }
  return agents;
}
