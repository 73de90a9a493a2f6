import type { Argument, BodyExpression, Expression, QualifiedName } from './ast.js';
import { parseBody } from './parse-body.js';
import { parseQualifiedName } from './parse-name.js';
import { maxNestingDepth, type ParserContext } from './parser-context.js';
import type { Token } from './token.js';

/** Binding power of each infix operator (KerMLExpressions.xtext, lowest first). */
const infixPrecedence: Readonly<Record<string, number>> = {
  '??': 2,
  implies: 3,
  or: 4,
  '|': 4,
  xor: 5,
  and: 6,
  '&': 6,
  '==': 7,
  '!=': 7,
  '===': 7,
  '!==': 7,
  istype: 8,
  hastype: 8,
  '@': 8,
  '@@': 8,
  as: 8,
  meta: 8,
  '<': 9,
  '>': 9,
  '<=': 9,
  '>=': 9,
  '..': 10,
  '+': 11,
  '-': 11,
  '*': 12,
  '/': 12,
  '%': 12,
  '**': 13,
  '^': 13,
};
const conditionalPrecedence = 1;
const nullCoalescingPrecedence = 2;
const typeTestPrecedence = 8;
/** Operands of unary operators sit at the extent level, above every infix operator. */
const extentPrecedence = 15;
const rightAssociative = new Set(['**', '^']);
const unaryOperators = new Set(['+', '-', '~', 'not']);

function infixOperator(token: Token): string | undefined {
  if (token.kind !== 'symbol' && token.kind !== 'keyword') return undefined;
  return Object.hasOwn(infixPrecedence, token.text) ? token.text : undefined;
}

/**
 * Pratt parser for KerML expressions. `minimumPrecedence` is the lowest operator level this call may
 * consume; callers pass 0 for a whole expression.
 */
export function parseExpression(context: ParserContext, minimumPrecedence = 0): Expression {
  context.expressionDepth += 1;
  try {
    if (context.expressionDepth > maxNestingDepth) context.failTooDeep();
    return parseExpressionAt(context, minimumPrecedence);
  } finally {
    context.expressionDepth -= 1;
  }
}

function parseExpressionAt(context: ParserContext, minimumPrecedence: number): Expression {
  const location = context.here();
  if (context.isKeyword('if') && minimumPrecedence <= conditionalPrecedence) {
    context.advance();
    const condition = parseExpression(context, nullCoalescingPrecedence);
    context.expectSymbol('?');
    const thenBranch = parseExpression(context);
    context.expectKeyword('else');
    const elseBranch = parseExpression(context);
    return { type: 'Conditional', condition, thenBranch, elseBranch, location };
  }
  let left = parsePrefixExpression(context);
  for (;;) {
    const operator = infixOperator(context.current);
    if (operator === undefined) break;
    const precedence = infixPrecedence[operator] as number;
    if (precedence < minimumPrecedence) break;
    context.advance();
    if (precedence === typeTestPrecedence) {
      const target = parseQualifiedName(context, 'a type name');
      left = { type: 'TypeTest', operator, operand: left, target, location };
      continue;
    }
    const right = parseExpression(context, rightAssociative.has(operator) ? precedence : precedence + 1);
    left = { type: 'Binary', operator, left, right, location };
  }
  return left;
}

/** Unary operators and `all` bind tighter than every infix operator. */
function parsePrefixExpression(context: ParserContext): Expression {
  const location = context.here();
  const token = context.current;
  if ((token.kind === 'symbol' || token.kind === 'keyword') && unaryOperators.has(token.text)) {
    context.advance();
    return {
      type: 'Unary',
      operator: token.text,
      operand: parseExpression(context, extentPrecedence),
      location,
    };
  }
  if (
    (token.kind === 'symbol' && (token.text === '@' || token.text === '@@')) ||
    (token.kind === 'keyword' && ['istype', 'hastype', 'meta', 'as'].includes(token.text))
  ) {
    // A classification with the implicit operand `self`: `filter @Safety;`, `istype Vehicle`.
    context.advance();
    const target = parseQualifiedName(context, 'a type name');
    const self: Expression = {
      type: 'Name',
      name: { type: 'QualifiedName', segments: ['self'], isGlobal: false, text: 'self', location },
      location,
    };
    return { type: 'TypeTest', operator: token.text, operand: self, target, location };
  }
  if (context.acceptKeyword('all')) {
    const name = parseQualifiedName(context, 'a type name');
    return {
      type: 'Unary',
      operator: 'all',
      operand: { type: 'Name', name, location: name.location },
      location,
    };
  }
  return parsePostfixExpression(context, parsePrimaryExpression(context));
}

/**
 * A real literal is assembled from tokens (KerML 8.2.2): `DECIMAL '.' (DECIMAL | EXP)` or
 * `'.' (DECIMAL | EXP)`, so `1..5` still lexes as a range.
 */
function parseRealLiteral(context: ParserContext): Expression {
  const location = context.here();
  const whole = context.isSymbol('.') ? '0' : context.advance().text;
  context.advance();
  const fraction = context.advance().text;
  return { type: 'Literal', literalKind: 'real', value: Number.parseFloat(`${whole}.${fraction}`), location };
}

/** A literal, `new T(…)`, a qualified name or a parenthesized sequence. */
export function parsePrimaryExpression(context: ParserContext): Expression {
  const location = context.here();
  const token = context.current;
  const fractionFollows = (offset: number): boolean =>
    context.isSymbol('.', offset) && ['decimal', 'exponent'].includes(context.peek(offset + 1).kind);
  if ((token.kind === 'decimal' && fractionFollows(1)) || (context.isSymbol('.') && fractionFollows(0))) {
    return parseRealLiteral(context);
  }
  if (token.kind === 'decimal' || token.kind === 'exponent') {
    context.advance();
    const literalKind = token.kind === 'decimal' ? 'integer' : 'real';
    return { type: 'Literal', literalKind, value: Number(token.text), location };
  }
  if (token.kind === 'string') {
    context.advance();
    return { type: 'Literal', literalKind: 'string', value: token.text, location };
  }
  if (context.isKeyword('true') || context.isKeyword('false')) {
    context.advance();
    return { type: 'Literal', literalKind: 'boolean', value: token.text === 'true', location };
  }
  if (context.isSymbol('{')) return parseBodyExpression(context);
  if (context.acceptKeyword('null')) return { type: 'Literal', literalKind: 'null', value: null, location };
  if (context.acceptSymbol('*')) return { type: 'Literal', literalKind: 'infinity', value: null, location };
  if (context.acceptKeyword('new')) {
    const instantiated = parseQualifiedName(context, 'a type name after new');
    const argumentList = context.isSymbol('(') ? parseArgumentList(context) : [];
    return { type: 'Instantiation', instantiated, arguments: argumentList, location };
  }
  if (context.acceptSymbol('(')) {
    const elements: Expression[] = [];
    if (!context.isSymbol(')')) {
      elements.push(parseExpression(context));
      while (context.acceptSymbol(',')) elements.push(parseExpression(context));
    }
    context.expectSymbol(')', ',');
    const [only] = elements;
    return elements.length === 1 && only ? only : { type: 'Sequence', elements, location };
  }
  if (token.kind === 'name' || (token.kind === 'symbol' && token.text === '$')) {
    return { type: 'Name', name: parseQualifiedName(context), location };
  }
  return context.fail('an expression');
}

/** `.name`, `#(i)`, `[unit]`, `(args)`, `.?{…}`, `->f{…}` and `->f(…)`. */
function parsePostfixExpression(context: ParserContext, primary: Expression): Expression {
  let target = primary;
  const location = primary.location;
  for (;;) {
    if (context.isSymbol('.') && context.isName(1)) {
      context.advance();
      target = { type: 'MemberAccess', target, member: parseQualifiedName(context), location };
    } else if (context.isSymbol('.') && context.isSymbol('{', 1)) {
      // `xs.{in x; f(x)}` is the collect shorthand.
      context.advance();
      const body = parseBodyExpression(context);
      const collect: QualifiedName = {
        type: 'QualifiedName',
        segments: ['collect'],
        isGlobal: false,
        text: 'collect',
        location,
      };
      target = { type: 'Collect', target, function: collect, body, arguments: [], location };
    } else if (context.acceptSymbol('.?')) {
      target = { type: 'Select', target, body: parseBodyExpression(context), location };
    } else if (context.isSymbol('#') && context.isSymbol('(', 1)) {
      context.advance();
      const index = parseArgumentList(context).map((argument) => argument.value);
      target = { type: 'Index', target, index, location };
    } else if (context.acceptSymbol('[')) {
      const unit = parseExpression(context);
      context.expectSymbol(']');
      target = { type: 'Quantity', value: target, unit, location };
    } else if (context.isSymbol('(')) {
      target = { type: 'Invocation', target, arguments: parseArgumentList(context), location };
    } else if (context.acceptSymbol('->')) {
      const functionName = parseQualifiedName(context, 'a function name');
      if (context.isSymbol('{')) {
        const body = parseBodyExpression(context);
        target = { type: 'Collect', target, function: functionName, body, arguments: [], location };
      } else if (context.isSymbol('(')) {
        const argumentList = parseArgumentList(context);
        target = { type: 'Collect', target, function: functionName, arguments: argumentList, location };
      } else if (context.isName()) {
        // `->reduce '+'`: the argument is a function named by reference.
        const reference = parseQualifiedName(context, 'a function name');
        const argumentList = [
          { value: { type: 'Name', name: reference, location: reference.location } as Expression },
        ];
        target = { type: 'Collect', target, function: functionName, arguments: argumentList, location };
      } else {
        context.fail("'{', '(' or a function name");
      }
    } else {
      return target;
    }
  }
}

/** `( (name '=')? expr (',' …)* )`. */
export function parseArgumentList(context: ParserContext): Argument[] {
  context.expectSymbol('(');
  const argumentList: Argument[] = [];
  while (!context.isSymbol(')')) {
    if (context.isName() && context.isSymbol('=', 1)) {
      const name = context.advance().text;
      context.advance();
      argumentList.push({ name, value: parseExpression(context) });
    } else {
      argumentList.push({ value: parseExpression(context) });
    }
    if (!context.acceptSymbol(',')) break;
  }
  context.expectSymbol(')', ',');
  return argumentList;
}

/**
 * `{ FunctionBodyPart }`: the parameters and members of an expression body, then its result
 * (`{ in p :> ISQ::mass; p > minMass }`). Parsed as a calc body, so any member may appear.
 */
export function parseBodyExpression(context: ParserContext): BodyExpression {
  const location = context.here();
  const members = parseBody(context, { allowResult: true });
  const parameters = members.flatMap((member) =>
    member.type === 'Usage' && member.direction === 'in' && member.name !== undefined ? [member.name] : [],
  );
  const last = members.at(-1);
  const result: Expression =
    last?.type === 'ResultExpression'
      ? last.expression
      : { type: 'Literal', literalKind: 'null', value: null, location };
  return { type: 'Body', parameters, members, result, location };
}
