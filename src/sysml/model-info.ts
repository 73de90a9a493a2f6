import type { Expression, FeatureChain, Member, UsageNode } from './ast.js';
import type { ModelElement } from './model-element.js';
import type { DefinitionInfo, FeatureInfo, RequirementInfo, SourceLocation } from './model-types.js';
import type { NameResolver } from './name-resolver.js';

/** The text of the first `doc` among `members`. */
export function docOf(members: readonly Member[]): string | undefined {
  for (const member of members) if (member.type === 'Doc') return member.text;
  return undefined;
}

/** The value of a literal expression (`"x"`, `42`, `-1.5`, `true`), if it is one. */
export function literalValue(expression: Expression): string | number | boolean | undefined {
  if (expression.type === 'Literal') {
    const value = expression.value;
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? value
      : undefined;
  }
  if (expression.type === 'Unary' && (expression.operator === '-' || expression.operator === '+')) {
    const operand = literalValue(expression.operand);
    if (typeof operand === 'number') return expression.operator === '-' ? -operand : operand;
  }
  return undefined;
}

const displayName = (element: ModelElement): string => element.name ?? element.shortName ?? '';

/** Turns model elements into the query records of `model-types.ts`, memoized per element. */
export class ModelInfoBuilder {
  private readonly definitionCache = new Map<ModelElement, DefinitionInfo>();
  private readonly requirementCache = new Map<ModelElement, RequirementInfo>();

  constructor(private readonly resolver: NameResolver) {}

  /** Qualified names of what `chains` resolve to from `element`, or the written text when unresolved. */
  resolvedNames(chains: readonly FeatureChain[], element: ModelElement): string[] {
    const scope = element.parent ?? element;
    return chains.map((chain) => {
      const resolution = this.resolver.resolveFeatureChain(chain, scope, element);
      return resolution && 'element' in resolution ? resolution.element.qualifiedName : chain.text;
    });
  }

  feature(element: ModelElement, node: UsageNode): FeatureInfo {
    const specification = node.specification;
    const owner = element.parent?.node;
    const inEnumDefinition = owner?.type === 'Definition' && owner.kind === 'enum';
    const kind = node.kind ?? (inEnumDefinition ? 'enum' : node.isEnd ? 'end' : 'ref');
    const info: FeatureInfo = {
      kind,
      name: node.name ?? '',
      types: this.resolvedNames(
        specification.typings.map((typing) => typing.target),
        element,
      ),
      subsets: this.resolvedNames(specification.subsets, element),
      redefines: this.resolvedNames(specification.redefines, element),
      location: node.location,
    };
    if (node.direction) info.direction = node.direction;
    if (specification.typings.some((typing) => typing.isConjugated)) info.conjugated = true;
    if (specification.multiplicity) info.multiplicity = specification.multiplicity.text;
    if (node.value) {
      info.valueText = node.value.text;
      const value = literalValue(node.value.expression);
      if (value !== undefined) info.value = value;
    }
    const doc = docOf(node.members);
    if (doc !== undefined) info.doc = doc;
    return info;
  }

  requirement(element: ModelElement): RequirementInfo {
    const cached = this.requirementCache.get(element);
    if (cached) return cached;
    const node = element.node as ElementWithMembers;
    const info: RequirementInfo = {
      name: displayName(element),
      qualifiedName: element.qualifiedName,
      isDefinition: node.type === 'Definition',
      requiredConstraints: [],
      assumedConstraints: [],
      owner: element.parent?.qualifiedName ?? '',
      location: node.location,
    };
    if (element.shortName !== undefined) info.shortName = element.shortName;
    const doc = docOf(node.members);
    if (doc !== undefined) info.doc = doc;
    for (const child of element.children) {
      const childNode = child.node;
      if (childNode?.type === 'Usage' && childNode.isSubject && !info.subject) {
        const typings = childNode.specification.typings.map((typing) => typing.target);
        info.subject = { name: childNode.name ?? '', types: this.resolvedNames(typings, child) };
      }
      if (childNode?.type === 'RequirementConstraint') {
        const result = childNode.members.find((member) => member.type === 'ResultExpression');
        const text = result?.type === 'ResultExpression' ? result.text : '';
        (childNode.kind === 'require' ? info.requiredConstraints : info.assumedConstraints).push(text);
      }
    }
    this.requirementCache.set(element, info);
    return info;
  }

  definition(element: ModelElement): DefinitionInfo {
    const cached = this.definitionCache.get(element);
    if (cached) return cached;
    const node = element.node;
    if (node?.type !== 'Definition') throw new TypeError(`${element.qualifiedName} is not a definition`);
    const info: DefinitionInfo = {
      kind: node.kind,
      name: displayName(element),
      qualifiedName: element.qualifiedName,
      isAbstract: node.isAbstract,
      specializes: this.resolvedNames(
        node.specializes.map((name) => ({
          type: 'FeatureChain',
          parts: [name],
          text: name.text,
          location: name.location,
        })),
        element,
      ),
      features: [],
      requirements: [],
      location: node.location,
    };
    if (element.shortName !== undefined) info.shortName = element.shortName;
    const doc = docOf(node.members);
    if (doc !== undefined) info.doc = doc;
    for (const child of element.children) {
      if (child.node?.type === 'Usage') info.features.push(this.feature(child, child.node));
      if (isRequirement(child)) info.requirements.push(this.requirement(child));
    }
    if (node.kind === 'enum') {
      info.enumValues = info.features
        .filter((feature) => feature.kind === 'enum')
        .map((feature) => feature.name || (feature.valueText ?? ''));
    }
    this.definitionCache.set(element, info);
    return info;
  }
}

type ElementWithMembers = { type: string; members: Member[]; location: SourceLocation };

/** True for a requirement definition or usage. */
export function isRequirement(element: ModelElement): boolean {
  const node = element.node;
  return (node?.type === 'Definition' || node?.type === 'Usage') && node.kind === 'requirement';
}
