import type {
  AliasNode,
  ConnectorEndNode,
  DefinitionNode,
  FeatureChain,
  ImportNode,
  Member,
  PackageNode,
  RequirementConstraintNode,
  RequirementReferenceNode,
  SysmlDocument,
  UsageNode,
  Visibility,
} from './ast.js';
import { referencedFeature } from './referenced-feature.js';

/** A syntax node that is also a namespace or named element in the model. */
export type ElementNode =
  | PackageNode
  | DefinitionNode
  | UsageNode
  | AliasNode
  | RequirementConstraintNode
  | RequirementReferenceNode;

/** One element of the resolved model tree, with its owner and owned elements. */
export interface ModelElement {
  /** Absent for the root namespace, which merges every document's top level. */
  node?: ElementNode;
  name?: string;
  shortName?: string;
  /**
   * The name an unnamed feature takes from the feature it redefines (`attribute :>> length;` is
   * named `length`, SysML 8.3.3.3.5 effective name): found by lookups, never reported as a duplicate.
   */
  effectiveName?: string;
  /** `A::B::C`; for unnamed elements the owner's qualified name. */
  qualifiedName: string;
  visibility?: Visibility;
  parent?: ModelElement;
  children: ModelElement[];
  imports: ImportNode[];
  /** True for elements of the standard library: never reported on, never listed by the queries. */
  fromLibrary?: boolean;
}

const elementTypes = new Set([
  'Package',
  'Definition',
  'Usage',
  'Alias',
  'RequirementConstraint',
  'RequirementReference',
]);

function isElementNode(member: Member): member is ElementNode {
  return elementTypes.has(member.type);
}

const lastName = (chain: FeatureChain | undefined): string | undefined => {
  const segments = chain?.parts[chain.parts.length - 1]?.segments;
  return segments?.[segments.length - 1];
};

/**
 * The name an unnamed usage takes from its naming feature (KerML 8.3.3.3.5, SysML 8.3.6.3): the first
 * feature it redefines (`:>> a.b` → `b`); for a variant reference or a `perform`, `exhibit`,
 * `include`, … the feature it references (`perform p::take` → `take`); for a `return` the `result`
 * it implicitly redefines (KerML 8.4.4.7.2).
 */
function namingName(member: ElementNode): string | undefined {
  if (!('specification' in member)) return undefined;
  const redefined = lastName(member.specification.redefines[0]);
  if (redefined !== undefined || member.type !== 'Usage') return redefined;
  if (member.keywords?.length === 1 && member.keywords[0] === 'variant') {
    return lastName(member.specification.references);
  }
  const referenced = lastName(referencedFeature(member));
  if (referenced !== undefined) return referenced;
  return member.keywords?.includes('return') ? 'result' : undefined;
}

/**
 * A connector's end as the end feature it is (KerML 8.3.4.6): `connect [1] p ::> a.b to q` owns an end
 * `p` that references `a.b`, and an unnamed end that references `q`. Its reference is resolved where
 * the connector is declared, and it redefines the end at its position in the connector's type.
 */
function connectorEndUsage(end: ConnectorEndNode): UsageNode {
  return {
    type: 'Usage',
    ...(end.name === undefined ? {} : { name: end.name }),
    isEnd: true,
    isRef: false,
    isAbstract: false,
    isVariation: false,
    isDerived: false,
    isConstant: false,
    isSubject: false,
    specification: {
      typings: [],
      subsets: [],
      redefines: [],
      references: end.target,
      ...(end.multiplicity ? { multiplicity: end.multiplicity } : {}),
      isOrdered: false,
      isNonunique: false,
    },
    members: [],
    location: end.location,
    keywords: ['end'],
  };
}

function addMembers(owner: ModelElement, members: readonly Member[], fromLibrary: boolean): void {
  for (const member of members) {
    if (member.type === 'Import') owner.imports.push(member);
    if (!isElementNode(member)) continue;
    const name = 'name' in member ? member.name : undefined;
    const shortName = 'shortName' in member ? member.shortName : undefined;
    const ownName = name ?? shortName;
    const effectiveName = ownName === undefined ? namingName(member) : undefined;
    const qualifyingName = ownName ?? effectiveName;
    const element: ModelElement = {
      node: member,
      qualifiedName:
        qualifyingName === undefined
          ? owner.qualifiedName
          : owner.node
            ? `${owner.qualifiedName}::${qualifyingName}`
            : qualifyingName,
      parent: owner,
      children: [],
      imports: [],
    };
    // Set only when present (no spread objects: this runs once per element of every model and library).
    if (name !== undefined) element.name = name;
    if (shortName !== undefined) element.shortName = shortName;
    if (effectiveName !== undefined) element.effectiveName = effectiveName;
    if ('visibility' in member && member.visibility) element.visibility = member.visibility;
    if (fromLibrary) element.fromLibrary = true;
    owner.children.push(element);
    if (member.type === 'Usage' && member.connector) {
      addMembers(element, member.connector.ends.map(connectorEndUsage), fromLibrary);
    }
    if (member.type !== 'Alias') addMembers(element, member.members, fromLibrary);
  }
}

/**
 * Builds the model tree of several documents under one shared root namespace; `library` documents
 * join the same root, marked `fromLibrary`.
 */
export function createModelTree(
  documents: readonly SysmlDocument[],
  library: readonly SysmlDocument[] = [],
): ModelElement {
  const root: ModelElement = { qualifiedName: '', children: [], imports: [] };
  for (const document of library) addMembers(root, document.members, true);
  for (const document of documents) addMembers(root, document.members, false);
  return root;
}

/** `allElements` of each tree: a tree is complete once `createModelTree` returns it. */
const elementLists = new WeakMap<ModelElement, readonly ModelElement[]>();

/** Every element below `root`, depth first in source order (computed once per tree; do not mutate). */
export function allElements(root: ModelElement): readonly ModelElement[] {
  const known = elementLists.get(root);
  if (known) return known;
  const result: ModelElement[] = [];
  const visit = (element: ModelElement): void => {
    for (const child of element.children) {
      result.push(child);
      visit(child);
    }
  };
  visit(root);
  elementLists.set(root, result);
  return result;
}
