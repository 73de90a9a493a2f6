/**
 * The specializations the languages add without a written relationship (KerML 8.4.4, SysML 8.4): an
 * end or a parameter redefines the one at its position in each general of its owner, a result the
 * general's result, a case's objective and a subject the general's objective and subject.
 */
import type { ElementNode, ModelElement } from './model-element.js';

/** What the implicit specializations need from the name resolver. */
export interface GeneralsSource {
  generals(element: ModelElement): ModelElement[];
}

/** Kinds whose directed features are parameters: behaviors, functions and their steps (KerML 8.4.4.7). */
const behaviouralKinds: ReadonlySet<string> = new Set([
  'action',
  'state',
  'calc',
  'constraint',
  'requirement',
  'concern',
  'case',
  'analysis',
  'verification',
  'use case',
  'viewpoint',
  'flow',
  'message',
  'objective',
  'perform',
  'exhibit',
  'include',
  'assert',
  'satisfy',
  'verify',
  'accept',
  'send',
  'assign',
  'transition',
  'behavior',
  'function',
  'predicate',
  'interaction',
  'step',
  'expr',
  'bool',
  'inv',
]);

type Pick = (element: ModelElement) => boolean;

const usageNode = (element: ModelElement) => (element.node?.type === 'Usage' ? element.node : undefined);

const isEnd: Pick = (element) => usageNode(element)?.isEnd === true;
const isResult: Pick = (element) => usageNode(element)?.keywords?.includes('return') === true;
const isParameter: Pick = (element) => {
  const node = usageNode(element);
  return node?.direction !== undefined && !node.isEnd && !isResult(element);
};
const isObjective: Pick = (element) => usageNode(element)?.kind === 'objective';
const isSubject: Pick = (element) => usageNode(element)?.isSubject === true;

/** The kind of a definition or usage node, for the behavioural test. */
function kindOf(node: ElementNode | undefined): string | undefined {
  return node?.type === 'Definition' || node?.type === 'Usage' ? node.kind : undefined;
}

const isBehavioural = (element: ModelElement): boolean => behaviouralKinds.has(kindOf(element.node) ?? '');

/**
 * The features of `type` that `pick` selects: its own, or else those of its nearest general that has
 * any (a specialization that declares none inherits the general's).
 */
function featuresOf(
  source: GeneralsSource,
  type: ModelElement,
  pick: Pick,
  visited = new Set<ModelElement>(),
): ModelElement[] {
  const own = type.children.filter(pick);
  if (own.length > 0 || visited.has(type)) return own;
  visited.add(type);
  for (const general of source.generals(type)) {
    const inherited = featuresOf(source, general, pick, visited);
    if (inherited.length > 0) return inherited;
  }
  return [];
}

/**
 * The features `element` implicitly redefines, for a usage that redefines nothing explicitly:
 * - an end: the end at the same position of each general of its owner (KerML `checkFeatureEndRedefinition`);
 * - a parameter of a behavior or step: the parameter at the same position (`checkFeatureParameterRedefinition`);
 * - a `return`: the general's result; an `objective`: the general case's objective
 *   (SysML `checkRequirementUsageObjectiveRedefinition`); a `subject`: the general's subject.
 */
export function implicitRedefinitions(source: GeneralsSource, element: ModelElement): ModelElement[] {
  const node = usageNode(element);
  const owner = element.parent;
  if (!node || node.specification.redefines.length > 0 || !owner?.node) return [];
  const ownerKind = owner.node.type;
  if (ownerKind !== 'Definition' && ownerKind !== 'Usage') return [];
  let pick: Pick | undefined;
  let positional = false;
  if (isEnd(element)) {
    pick = isEnd;
    positional = true;
  } else if (isResult(element)) pick = isResult;
  else if (isParameter(element) && isBehavioural(owner)) {
    pick = isParameter;
    positional = true;
  } else if (isObjective(element)) pick = isObjective;
  else if (isSubject(element)) pick = isSubject;
  if (!pick) return [];
  const position = positional ? owner.children.filter(pick).indexOf(element) : 0;
  const redefined: ModelElement[] = [];
  for (const general of source.generals(owner)) {
    if (pick === isParameter && !isBehavioural(general)) continue;
    const feature = featuresOf(source, general, pick)[position];
    if (feature && feature !== element && !redefined.includes(feature)) redefined.push(feature);
  }
  return redefined;
}

/** The binary form of each connection kind's library base, for a type with exactly two ends. */
const binaryBaseTypes: Readonly<Record<string, string>> = {
  connection: 'Connections::BinaryConnection',
  interface: 'Interfaces::BinaryInterface',
  assoc: 'Links::BinaryLink',
  connector: 'Links::BinaryLink',
};

/**
 * The library base of a connection definition or usage with exactly two ends: `BinaryConnection`
 * rather than `Connection` (SysML `checkConnectionDefinitionBinarySpecialization`, KerML
 * `checkAssociationBinarySpecialization`), whose `source` and `target` its ends may redefine.
 */
export function binaryBaseType(element: ModelElement): string | undefined {
  const node = element.node;
  if (node?.type !== 'Definition' && node?.type !== 'Usage') return undefined;
  const isAssocStruct = node.kind === 'assoc' && node.keywords?.includes('struct') === true;
  const base = isAssocStruct ? 'Objects::BinaryLinkObject' : binaryBaseTypes[node.kind ?? ''];
  if (base === undefined) return undefined;
  // A connector's ends (`connect a to b`) are among the children: see `connectorEndUsage`.
  return element.children.filter(isEnd).length === 2 ? base : undefined;
}
