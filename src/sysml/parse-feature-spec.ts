import type {
  FeatureChain,
  FeatureSpecification,
  MultiplicityBound,
  MultiplicityNode,
  TypingNode,
} from './ast.js';
import { parseExpression } from './parse-expression.js';
import { parseFeatureChain, parseQualifiedName } from './parse-name.js';
import type { ParserContext } from './parser-context.js';

/** An empty specification, to fill in. */
export function createFeatureSpecification(): FeatureSpecification {
  return { typings: [], subsets: [], redefines: [], isOrdered: false, isNonunique: false };
}

/** `Typing = '~'? Chain`. */
export function parseTyping(context: ParserContext): TypingNode {
  const location = context.here();
  const isConjugated = context.acceptSymbol('~') !== undefined;
  const target = parseFeatureChain(context, 'a type name');
  return { type: 'Typing', target, isConjugated, location };
}

function parseChainList(context: ParserContext): FeatureChain[] {
  const chains = [parseFeatureChain(context)];
  while (context.acceptSymbol(',')) chains.push(parseFeatureChain(context));
  return chains;
}

/** True when the cursor is at the start of a feature specialization or multiplicity. */
export function atFeatureSpec(context: ParserContext): boolean {
  const token = context.current;
  if (token.kind === 'symbol') return [':', ':>', ':>>', '::>', '=>', '[', '~'].includes(token.text);
  if (token.kind === 'keyword') {
    if (token.text === 'defined' || token.text === 'typed' || token.text === 'featured')
      return context.isKeyword('by', 1);
    if (token.text === 'disjoint') return context.isKeyword('from', 1);
    if (token.text === 'inverse') return context.isKeyword('of', 1);
    return specKeywords.has(token.text);
  }
  return false;
}

const specKeywords = new Set([
  'subsets',
  'redefines',
  'references',
  'crosses',
  'ordered',
  'nonunique',
  'specializes',
  'conjugates',
  'unions',
  'intersects',
  'differences',
  'chains',
]);

/** KerML relationships that the model keeps as written: `disjoint from`, `unions`, `~`, … */
function parseOtherRelationship(context: ParserContext, specification: FeatureSpecification): void {
  const keyword = context.advance().text;
  if (keyword === 'disjoint' || keyword === 'inverse' || keyword === 'featured') context.advance();
  const targets = parseChainList(context);
  specification.others ??= [];
  specification.others.push({ keyword, targets });
}

/**
 * One `FeatureSpec`: typing, subsetting, redefinition, reference or cross subsetting, multiplicity,
 * `ordered` or `nonunique`. Adds it to `specification`; returns false when none starts here.
 */
export function parseFeatureSpec(context: ParserContext, specification: FeatureSpecification): boolean {
  if (!atFeatureSpec(context)) return false;
  if (
    context.isSymbol('~') ||
    ([
      'conjugates',
      'unions',
      'intersects',
      'differences',
      'chains',
      'disjoint',
      'inverse',
      'featured',
    ].includes(context.current.text) &&
      context.current.kind === 'keyword')
  ) {
    parseOtherRelationship(context, specification);
    return true;
  }
  if (context.isSymbol('[')) {
    const multiplicity = parseMultiplicity(context);
    if (specification.multiplicity) {
      context.report(multiplicity.location, `duplicate multiplicity ${multiplicity.text}`);
    }
    specification.multiplicity = multiplicity;
    return true;
  }
  const token = context.advance();
  switch (token.text) {
    case ':':
    case 'typed':
    case 'defined': {
      if (token.text !== ':') context.expectKeyword('by');
      specification.typings.push(parseTyping(context));
      while (context.acceptSymbol(',')) specification.typings.push(parseTyping(context));
      return true;
    }
    case ':>':
    case 'specializes':
    case 'subsets':
      specification.subsets.push(...parseChainList(context));
      return true;
    case ':>>':
    case 'redefines':
      specification.redefines.push(...parseChainList(context));
      return true;
    case '::>':
    case 'references':
      specification.references = parseFeatureChain(context);
      return true;
    case '=>':
    case 'crosses':
      specification.crosses = parseFeatureChain(context);
      return true;
    case 'ordered':
      specification.isOrdered = true;
      return true;
    // 'nonunique' is the only spec left.
    default:
      specification.isNonunique = true;
      return true;
  }
}

/** `FeatureSpec*`. */
export function parseFeatureSpecification(
  context: ParserContext,
  specification = createFeatureSpecification(),
): FeatureSpecification {
  while (parseFeatureSpec(context, specification)) {
    // Each iteration consumes at least the introducing token.
  }
  return specification;
}

function parseMultiplicityBound(context: ParserContext): MultiplicityBound {
  const token = context.current;
  const simpleName = token.kind === 'name' && ['..', ']', '::'].some((symbol) => context.isSymbol(symbol, 1));
  if ((token.kind === 'name' && !simpleName) || context.isSymbol('(') || context.isSymbol('-')) {
    // A bound is any expression (`[n + 1]`, `[size(xs)]`); the model keeps it as written.
    return { type: 'Expression', expression: parseExpression(context) };
  }
  if (token.kind === 'decimal') {
    context.advance();
    return { type: 'Number', value: Number(token.text) };
  }
  if (context.acceptSymbol('*')) return { type: 'Infinity' };
  if (token.kind === 'name') return { type: 'Name', name: parseQualifiedName(context) };
  return context.fail("a number, '*' or a name");
}

/** `Multiplicity = '[' (Bound '..')? Bound ']'`. */
export function parseMultiplicity(context: ParserContext): MultiplicityNode {
  const location = context.here();
  const startIndex = context.index;
  context.expectSymbol('[');
  let upper = parseMultiplicityBound(context);
  let lower: MultiplicityBound | undefined;
  if (context.acceptSymbol('..')) {
    lower = upper;
    upper = parseMultiplicityBound(context);
  }
  context.expectSymbol(']', '..');
  const text = context.textSince(startIndex);
  return lower
    ? { type: 'Multiplicity', lower, upper, text, location }
    : { type: 'Multiplicity', upper, text, location };
}
