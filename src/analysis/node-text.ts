import type { Node, StringLiteral } from 'oxc-parser';

/** A string literal (`'x'`, `"x"`): an ESTree `Literal` whose value is a string. */
export function isStringLiteral(node: Node | undefined | null): node is StringLiteral {
  return node?.type === 'Literal' && typeof node.value === 'string';
}

/** A number literal (not a BigInt, which has its own `bigint` value). */
function isNumberLiteral(node: Node): boolean {
  return node.type === 'Literal' && typeof node.value === 'number';
}

/** The value of a string literal or a template without interpolation, else undefined. */
export function staticString(node: Node | undefined | null): string | undefined {
  if (node == null) return undefined;
  if (isStringLiteral(node)) return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0)
    return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The name a callee is called by: `eval`, `exec` in `cp.exec`, `then` in `p.then`. */
export function calleeName(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier')
    return node.property.name;
  return undefined;
}

/** The object a method is called on, as written (`app`, `this`, `router`), for simple receivers. */
export function receiverName(node: Node): string | undefined {
  if (node.type !== 'MemberExpression') return undefined;
  if (node.object.type === 'Identifier') return node.object.name;
  if (node.object.type === 'ThisExpression') return 'this';
  if (node.object.type === 'MemberExpression') return calleeName(node.object);
  return undefined;
}

/** A key or identifier name of an assignment target or property, when it is a plain name. */
export function keyName(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (isStringLiteral(node)) return node.value;
  if (node.type === 'MemberExpression' && node.property.type === 'Identifier' && !node.computed)
    return node.property.name;
  return undefined;
}

/** True when a node is built from parts at run time: a template with `${}` or a `+` with a non-literal side. */
export function isInterpolated(node: Node | undefined | null): boolean {
  if (node == null) return false;
  if (node.type === 'TemplateLiteral') return node.expressions.length > 0;
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const literal = (side: Node) => isStringLiteral(side) || isNumberLiteral(side);
    return !(literal(node.left) && literal(node.right)) && (isStringy(node.left) || isStringy(node.right));
  }
  return false;
}

function isStringy(node: Node): boolean {
  return (
    isStringLiteral(node) ||
    node.type === 'TemplateLiteral' ||
    (node.type === 'BinaryExpression' && node.operator === '+')
  );
}

/** The literal text of a template or concatenation, with interpolations left out (for keyword tests). */
export function literalParts(node: Node): string {
  if (isStringLiteral(node)) return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis.map((quasi) => quasi.value.raw).join(' ');
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    // `#x in o` has a private name on its left (the types model it elsewhere): it has no text.
    const left = node.left as Node;
    return `${left.type === 'PrivateIdentifier' ? '' : literalParts(left)} ${literalParts(node.right)}`;
  }
  return '';
}
