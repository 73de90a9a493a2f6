import type {
  ClauseNode,
  ConnectorNode,
  FeatureSpecification,
  Identification,
  Member,
  ValueNode,
} from './ast.js';
import {
  clauseKeywords,
  declarationFollowers,
  declaringKinds,
  kermlTypeKinds,
  memberStartKeywords,
  operatorKinds,
  prefixKeywords,
} from './member-keywords.js';
import { parseBody } from './parse-body.js';
import { atBareConnectorPart, parseConnectorPart } from './parse-connection.js';
import { parseExpression } from './parse-expression.js';
import {
  atFeatureSpec,
  createFeatureSpecification,
  parseFeatureSpec,
  parseMultiplicity,
} from './parse-feature-spec.js';
import { parseQualifiedName } from './parse-name.js';
import { skipUnsupportedConstruct } from './parse-unsupported.js';
import { atValuePart, parseValuePart } from './parse-value-part.js';
import type { ParserContext } from './parser-context.js';

/** What the head of the declaration decided. */
export interface TailOptions {
  /** A name after the head is a declared name (when a declaration token follows it). */
  declares: boolean;
  keywords: readonly string[];
  specification?: FeatureSpecification;
  /** A metadata usage (`@M`, `metadata M about x`): a lone name is its type, not its name. */
  isMetadataUsage?: boolean;
  /** The head already took the referenced feature (`variant v`): no operand follows. */
  afterReference?: boolean;
}

/** The parts of a declaration after its head. */
export interface DeclarationTail {
  identification: Identification;
  specification: FeatureSpecification;
  value?: ValueNode;
  connector?: ConnectorNode;
  clauses: ClauseNode[];
  members: Member[];
}

const expressionStartSymbols = new Set(['(', '-', '+', '$', '.', '*', '@', '@@', '~']);
const expressionStartKeywords = new Set(['true', 'false', 'null', 'new', 'all', 'meta']);

/** True when an expression operand starts here. */
function atExpression(context: ParserContext): boolean {
  const token = context.current;
  if (token.kind === 'name' || token.kind === 'decimal' || token.kind === 'exponent') return true;
  if (token.kind === 'string') return true;
  if (token.kind === 'symbol') return expressionStartSymbols.has(token.text);
  return token.kind === 'keyword' && expressionStartKeywords.has(token.text);
}

const isNestedKindWord = (text: string): boolean =>
  declaringKinds.has(text) || kermlTypeKinds.has(text) || operatorKinds.has(text) || prefixKeywords.has(text);

/**
 * A clause's operands: `a.b`, `[1] a`, `(a, b)`, `a, b`, or a nested head (`do send x`, `then action a`)
 * whose words are added to the clause keyword.
 */
function parseOperands(context: ParserContext, clause: ClauseNode): void {
  for (;;) {
    while (context.current.kind === 'keyword' && isNestedKindWord(context.current.text)) {
      if (clauseKeywords.has(context.current.text) && clause.operands.length > 0) return;
      clause.keyword = `${clause.keyword} ${context.advance().text}`.trim();
    }
    if (context.isSymbol('[')) parseMultiplicity(context);
    if (!atExpression(context)) return;
    clause.operands.push(parseExpression(context));
    if (!context.acceptSymbol(',')) return;
  }
}

/** True when the name here is the declared name: a declaration token follows it. */
function atDeclaredName(context: ParserContext): boolean {
  if (!context.isName()) return false;
  const next = context.peek(1);
  return (next.kind === 'symbol' || next.kind === 'keyword') && declarationFollowers.has(next.text);
}

/** `('<' NAME '>')? NAME?`, taking the name only when it is declared (see `atDeclaredName`). */
function parseDeclaredIdentification(context: ParserContext): Identification {
  const identification: Identification = {};
  context.acceptKeyword('all');
  if (context.isSymbol('<') && context.isName(1) && context.isSymbol('>', 2)) {
    context.advance();
    identification.shortName = context.advance().text;
    context.advance();
    if (context.isName()) identification.name = context.advance().text;
    return identification;
  }
  if (atDeclaredName(context)) identification.name = context.advance().text;
  return identification;
}

/** `@M`, `metadata M` and `metadata m : M`: the name is the metadata's type unless a typing follows. */
function parseMetadataTyping(context: ParserContext, specification: FeatureSpecification): boolean {
  if (!context.isName() || context.isSymbol(':', 1) || context.isKeyword('typed', 1)) return false;
  const location = context.here();
  const name = parseQualifiedName(context, 'a metadata type');
  const target = { type: 'FeatureChain' as const, parts: [name], text: name.text, location };
  specification.typings.push({ type: 'Typing', target, isConjugated: false, location });
  return true;
}

/** A member keyword at the start of a line after an unfinished declaration: a forgotten `;`. */
function startsNewMember(context: ParserContext): boolean {
  return context.current.line > context.previous.line && memberStartKeywords.has(context.current.text);
}

/** `if c { … } else { … }` and `loop { … } until c;` go on after the first body. */
function continuesAfterBody(context: ParserContext, keywords: readonly string[]): boolean {
  if (context.isKeyword('until')) return true;
  return context.isKeyword('else') && keywords.some((word) => word === 'if' || word === 'else');
}

/**
 * `Identification? (FeatureSpec | ValuePart | 'connect' ConnectorPart | ClauseKeyword Operands)* Body`.
 * The clauses of actions, states, flows, successions and KerML relationships all take this shape, so
 * one loop parses them; a keyword no clause takes is reported as an unsupported construct.
 */
export function parseDeclarationTail(context: ParserContext, options: TailOptions): DeclarationTail {
  const specification = options.specification ?? createFeatureSpecification();
  const tail: DeclarationTail = { identification: {}, specification, clauses: [], members: [] };
  if (options.isMetadataUsage === true && parseMetadataTyping(context, specification)) {
    // `@Safety { … }` has no name.
  } else if (options.declares) {
    tail.identification = parseDeclaredIdentification(context);
  }
  const kind = options.keywords.at(-1);
  if (
    kind === 'allocate' ||
    ((kind === 'interface' || kind === 'connection') && atBareConnectorPart(context))
  ) {
    tail.connector = parseConnectorPart(context);
  } else if (
    options.afterReference !== true &&
    tail.identification.name === undefined &&
    (atExpression(context) || context.isSymbol('['))
  ) {
    const clause: ClauseNode = { type: 'Clause', keyword: '', operands: [], location: context.here() };
    parseOperands(context, clause);
    tail.clauses.push(clause);
  }
  for (;;) {
    if (atFeatureSpec(context)) {
      parseFeatureSpec(context, specification);
    } else if (atValuePart(context)) {
      tail.value = parseValuePart(context);
    } else if (context.acceptKeyword('connect') || context.acceptKeyword('allocate')) {
      tail.connector = parseConnectorPart(context);
    } else if (context.current.kind === 'keyword' && clauseKeywords.has(context.current.text)) {
      const location = context.here();
      const clause: ClauseNode = { type: 'Clause', keyword: context.advance().text, operands: [], location };
      parseOperands(context, clause);
      tail.clauses.push(clause);
    } else if (context.isSymbol('(')) {
      // The ends of an n-ary connector: `connector c : C (a, b, c);`.
      tail.connector = parseConnectorPart(context);
    } else if (context.acceptSymbol(';')) {
      return tail;
    } else if (context.isSymbol('{')) {
      tail.members.push(...parseBody(context, { allowResult: true }));
      if (!continuesAfterBody(context, options.keywords)) return tail;
    } else if (context.current.kind === 'keyword' && !startsNewMember(context)) {
      skipUnsupportedConstruct(context);
      return tail;
    } else {
      context.fail("';' or '{'");
    }
  }
}
