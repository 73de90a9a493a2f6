import type { Expression, FeatureChain, QualifiedName, UsageNode } from './ast.js';
import { declaringKinds } from './member-keywords.js';

/** Kinds whose first operand is the feature they reference: `perform takePicture { … }`. */
const referencingKinds: ReadonlySet<string> = new Set([
  'perform',
  'exhibit',
  'include',
  'satisfy',
  'assert',
  'verify',
  'frame',
  'render',
]);

/** `[n]`, `[*]`, `[a..b]` read as an expression: a number, `*`, a name or a range. */
function isMultiplicity(expression: Expression): boolean {
  if (expression.type === 'Binary') return expression.operator === '..';
  return expression.type === 'Literal' || expression.type === 'Name';
}

/** `a.b.c` written as an expression, as a feature chain; undefined for any other expression. */
export function expressionChain(expression: Expression): FeatureChain | undefined {
  const parts: QualifiedName[] = [];
  let current: Expression = expression;
  while (current.type === 'MemberAccess') {
    parts.unshift(current.member);
    current = current.target;
  }
  if (current.type !== 'Name') return undefined;
  parts.unshift(current.name);
  return {
    type: 'FeatureChain',
    parts,
    text: parts.map((part) => part.text).join('.'),
    location: current.name.location,
  };
}

/**
 * The feature a `perform`, `exhibit`, `include`, `satisfy`, `assert`, … usage references (SysML
 * 8.3.15: reference subsetting), when written as a name or a chain: `perform takePicture;`.
 */
export function referencedFeature(node: UsageNode): FeatureChain | undefined {
  const [keyword, ...rest] = node.keywords ?? [];
  if (keyword === undefined || !referencingKinds.has(keyword) || node.name !== undefined) return undefined;
  // `satisfy requirement r by x` declares `r`: a kind keyword after the operator makes a declaration.
  if (rest.some((word) => declaringKinds.has(word))) return undefined;
  const clause = node.clauses?.[0];
  let operand = clause?.keyword === '' ? clause.operands[0] : undefined;
  // `include 'add fuel'[0..*]`: the multiplicity after the reference reads as a quantity's unit.
  if (operand?.type === 'Quantity' && isMultiplicity(operand.unit)) operand = operand.value;
  return operand ? expressionChain(operand) : undefined;
}
