/**
 * Semantic metadata (SysML 8.4.4.13, KerML 9.2.16): `#service def S` makes S specialize the type the
 * metadata def's `baseType` names, `x meta SysML::PortUsage` → `x`, possibly chosen by a condition
 * on the annotated element (`if annotatedElement istype KerML::Structure ? SS meta … else CC meta …`).
 */
import type { Expression, QualifiedName } from './ast.js';
import type { ModelElement } from './model-element.js';

/** A resolved element, a name of the standard library, or nothing (as `NameResolver` resolves). */
type Resolution = { element: ModelElement } | { external: true } | undefined;

/** What the metadata evaluation needs from the name resolver. */
export interface MetadataSource {
  /** The member named `name` of `namespace`, owned or inherited. */
  member(namespace: ModelElement, name: string): ModelElement | undefined;
  resolveQualifiedName(name: QualifiedName, scope: ModelElement, exclude?: ModelElement): Resolution;
}

const classifier = ['Classifier', 'Type', 'Namespace', 'Element'];
const klass = ['Class', ...classifier];
const feature = ['Feature', 'Type', 'Namespace', 'Element'];
const expression = ['Expression', 'Step', ...feature];

/** The KerML metaclasses an element of each kind is an instance of (KerML 8.3), for `istype` tests. */
const metaclasses: Readonly<Record<string, readonly string[]>> = {
  type: ['Type', 'Namespace', 'Element'],
  classifier,
  class: klass,
  struct: ['Structure', ...klass],
  datatype: ['DataType', ...classifier],
  assoc: ['Association', 'Relationship', ...classifier],
  'assoc struct': ['AssociationStructure', 'Association', 'Structure', 'Relationship', ...klass],
  behavior: ['Behavior', ...klass],
  function: ['Function', 'Behavior', ...klass],
  predicate: ['Predicate', 'Function', 'Behavior', ...klass],
  interaction: ['Interaction', 'Association', 'Behavior', 'Relationship', ...klass],
  metaclass: ['Metaclass', 'Structure', ...klass],
  feature,
  step: ['Step', ...feature],
  expr: expression,
  bool: ['BooleanExpression', ...expression],
  inv: ['Invariant', 'BooleanExpression', ...expression],
  connector: ['Connector', 'Relationship', ...feature],
};

/** The metaclasses `element` is an instance of, when its kind is a KerML one; undefined otherwise. */
function metaclassesOf(element: ModelElement): readonly string[] | undefined {
  const node = element.node;
  if (node?.type !== 'Definition' && node?.type !== 'Usage') return undefined;
  const isAssocStruct = node.kind === 'assoc' && node.keywords?.includes('struct') === true;
  return metaclasses[isAssocStruct ? 'assoc struct' : (node.kind ?? '')];
}

/**
 * `annotatedElement istype M` for the element the metadata annotates: true, false, or undefined when
 * the condition is of another form or the element's metaclass is not known here.
 */
function evaluateCondition(condition: Expression, annotated: ModelElement): boolean | undefined {
  if (condition.type !== 'TypeTest' || (condition.operator !== 'istype' && condition.operator !== 'hastype'))
    return undefined;
  const operand = condition.operand;
  if (operand.type !== 'Name' || operand.name.text !== 'annotatedElement') return undefined;
  const kinds = metaclassesOf(annotated);
  const metaclass = condition.target.segments[condition.target.segments.length - 1] as string;
  if (!kinds) return undefined;
  return condition.operator === 'hastype' ? kinds[0] === metaclass : kinds.includes(metaclass);
}

/** The `x` of each `x meta M` the expression may evaluate to, branches the condition rules out left out. */
function metaOperands(value: Expression, annotated: ModelElement): QualifiedName[] {
  if (value.type === 'TypeTest') return value.operand.type === 'Name' ? [value.operand.name] : [];
  if (value.type !== 'Conditional') return [];
  const holds = evaluateCondition(value.condition, annotated);
  return [
    ...(holds === false ? [] : metaOperands(value.thenBranch, annotated)),
    ...(holds === true ? [] : metaOperands(value.elseBranch, annotated)),
  ];
}

/** The types semantic metadata `metadata` gives `annotated`: its `baseType` value's `meta` operands. */
export function semanticBaseTypes(
  source: MetadataSource,
  metadata: ModelElement,
  annotated: ModelElement,
): ModelElement[] {
  const baseType = source.member(metadata, 'baseType');
  const node = baseType?.node;
  if (!baseType?.parent || node?.type !== 'Usage' || !node.value) return [];
  const types: ModelElement[] = [];
  for (const name of metaOperands(node.value.expression, annotated)) {
    const resolution = source.resolveQualifiedName(name, baseType.parent, baseType);
    if (resolution && 'element' in resolution) types.push(resolution.element);
  }
  return types;
}
