import type { Member, ResultExpressionNode } from './ast.js';
import { memberStartKeywords } from './member-keywords.js';
import { parseExpression } from './parse-expression.js';
import { parseMember } from './parse-member.js';
import { describeToken, maxNestingDepth, type ParserContext, SyntaxFailure } from './parser-context.js';

/** What a body may contain beyond members. */
export interface BodyOptions {
  /** A calc body (`constraint`, `require constraint`) may end with a result expression. */
  allowResult?: boolean;
}

/** True when a line starting here begins a new member; used by error recovery. */
export function startsMember(context: ParserContext): boolean {
  const token = context.current;
  return (token.kind === 'keyword' && memberStartKeywords.has(token.text)) || token.kind === 'comment';
}

/** Tokens that may follow a name at the start of a keyword-less usage. */
const usageContinuations = new Set([';', '{', ':', ':>', ':>>', '::>', '=>', '[', '=', ':=']);
const usageContinuationKeywords = new Set([
  'default',
  'subsets',
  'redefines',
  'references',
  'crosses',
  'defined',
  'ordered',
  'nonunique',
  'connect',
]);
const expressionStartKeywords = new Set([
  'true',
  'false',
  'null',
  'not',
  'if',
  'all',
  'new',
  'meta',
  'as',
  'istype',
  'hastype',
]);

/**
 * In a calc body, tells the result expression (`massActual <= massReqd`) from a keyword-less usage
 * (`massActual = 5;`) by the token after the leading name.
 */
function atResultExpression(context: ParserContext): boolean {
  const token = context.current;
  if (token.kind === 'name') {
    const next = context.peek(1);
    if (next.kind === 'symbol') return !usageContinuations.has(next.text);
    if (next.kind === 'keyword') return !usageContinuationKeywords.has(next.text);
    return true;
  }
  if (token.kind === 'keyword') return expressionStartKeywords.has(token.text);
  if (token.kind === 'symbol') return ['(', '-', '+', '~', '$', '.', '@', '@@', '*'].includes(token.text);
  return token.kind === 'decimal' || token.kind === 'exponent' || token.kind === 'string';
}

/**
 * The result expression ending a calc body, when the body ends after it; otherwise undefined with the
 * cursor unmoved, since `if x == 1 then a;` and `x = 5;` start members rather than a result.
 */
function tryResultExpression(context: ParserContext): ResultExpressionNode | undefined {
  const mark = context.mark();
  const location = context.here();
  try {
    const expression = parseExpression(context);
    if (context.isSymbol('}')) {
      return { type: 'ResultExpression', expression, text: context.textSince(mark.index), location };
    }
  } catch (error) {
    if (!(error instanceof SyntaxFailure)) throw error;
  }
  context.reset(mark);
  return undefined;
}

/**
 * `Member*` up to a closing `}` (or the end of input at top level). Each member is parsed under a
 * catch: a syntax failure is recovered from at the next `;` or `}` of the member's nesting depth.
 */
export function parseMembers(context: ParserContext, closing: boolean, options: BodyOptions = {}): Member[] {
  const members: Member[] = [];
  while (!context.atEnd && !(closing && context.isSymbol('}'))) {
    const startIndex = context.index;
    const depth = context.braceDepth;
    try {
      const result =
        options.allowResult && atResultExpression(context) ? tryResultExpression(context) : undefined;
      const member = result ?? parseMember(context);
      if (member) members.push(member);
    } catch (error) {
      if (!(error instanceof SyntaxFailure)) throw error;
      context.recover(startIndex, depth, startsMember);
    }
    if (context.index === startIndex) {
      // A safety net: every production consumes a token or fails; this keeps a bug from looping forever.
      context.report(context.here(), `unexpected ${describeToken(context.current)}`);
      context.advance();
    }
  }
  return members;
}

/** `Body = ';' | '{' Member* '}'`. */
export function parseBody(context: ParserContext, options: BodyOptions = {}): Member[] {
  if (context.acceptSymbol(';')) return [];
  if (!context.acceptSymbol('{')) context.fail("';' or '{'");
  if (context.braceDepth > maxNestingDepth) {
    context.skipTooDeepBody();
    return [];
  }
  const members = parseMembers(context, true, options);
  context.expectSymbol('}');
  return members;
}
