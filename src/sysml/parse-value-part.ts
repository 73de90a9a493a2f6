import type { ValueNode } from './ast.js';
import { parseExpression } from './parse-expression.js';
import { parseMultiplicity } from './parse-feature-spec.js';
import type { ParserContext } from './parser-context.js';

/** True at `=`, `:=` or `default`. */
export function atValuePart(context: ParserContext): boolean {
  return context.isSymbol('=') || context.isSymbol(':=') || context.isKeyword('default');
}

/** `ValuePart = ('=' | ':=' | 'default' ('=' | ':=')?) Expr`. */
export function parseValuePart(context: ParserContext): ValueNode {
  const location = context.here();
  const isDefault = context.acceptKeyword('default') !== undefined;
  let operator: ValueNode['operator'] = '=';
  if (context.acceptSymbol(':=')) operator = ':=';
  else if (!context.acceptSymbol('=') && !isDefault) context.fail("'=' or ':='");
  // A binding's far end may carry a multiplicity: `bind [0..*] a = [0..*] b;`.
  if (context.isSymbol('[')) parseMultiplicity(context);
  const startIndex = context.index;
  const expression = parseExpression(context);
  return { type: 'Value', operator, isDefault, expression, text: context.textSince(startIndex), location };
}
