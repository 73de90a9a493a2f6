import type { ConnectorEndNode, ConnectorNode, UsageNode, Visibility } from './ast.js';
import type { SourceLocation } from './model-types.js';
import { parseBody } from './parse-body.js';
import { createFeatureSpecification, parseMultiplicity } from './parse-feature-spec.js';
import { parseFeatureChain } from './parse-name.js';
import type { ParserContext } from './parser-context.js';

/** `End = Multiplicity? (NAME ('::>' | 'references'))? Chain`. */
export function parseConnectorEnd(context: ParserContext): ConnectorEndNode {
  const location = context.here();
  const multiplicity = context.isSymbol('[') ? parseMultiplicity(context) : undefined;
  let name: string | undefined;
  if (context.isName() && (context.isSymbol('::>', 1) || context.isKeyword('references', 1))) {
    name = context.advance().text;
    context.advance();
  }
  const target = parseFeatureChain(context, 'a connector end');
  return {
    type: 'ConnectorEnd',
    ...(multiplicity ? { multiplicity } : {}),
    ...(name === undefined ? {} : { name }),
    target,
    location,
  };
}

/** `End 'to' End` or the n-ary `'(' End (',' End)* ')'`. */
export function parseConnectorPart(context: ParserContext): ConnectorNode {
  const location = context.here();
  if (context.acceptSymbol('(')) {
    const ends = [parseConnectorEnd(context)];
    while (context.acceptSymbol(',')) ends.push(parseConnectorEnd(context));
    context.expectSymbol(')', ',');
    return { type: 'Connector', ends, isNary: true, location };
  }
  const source = parseConnectorEnd(context);
  context.expectKeyword('to');
  const target = parseConnectorEnd(context);
  return { type: 'Connector', ends: [source, target], isNary: false, location };
}

const connectorEndTokens = new Set(['::', '.', '::>', '[', ']', '..', '*']);

/**
 * True when the cursor is at `a.p to b.q`, the short interface form without `connect`
 * (`interface a.p to b.q;`). Looks ahead over end tokens only, so it is bounded by the line.
 */
export function atBareConnectorPart(context: ParserContext): boolean {
  for (let offset = 0; offset < 64; offset += 1) {
    const token = context.peek(offset);
    if (token.kind === 'keyword' && token.text === 'to') return offset > 0;
    const isEndToken =
      token.kind === 'name' ||
      token.kind === 'decimal' ||
      (token.kind === 'keyword' && token.text === 'references') ||
      (token.kind === 'symbol' && connectorEndTokens.has(token.text));
    if (!isEndToken) return false;
  }
  return false;
}

/** `connect End 'to' End Body` or `connect (End, …) Body`: a connection usage without a name. */
export function parseConnection(
  context: ParserContext,
  visibility: Visibility | undefined,
  location: SourceLocation,
): UsageNode {
  context.expectKeyword('connect');
  const connector = parseConnectorPart(context);
  const members = parseBody(context);
  return {
    type: 'Usage',
    kind: 'connection',
    ...(visibility === undefined ? {} : { visibility }),
    isEnd: false,
    isRef: false,
    isAbstract: false,
    isVariation: false,
    isDerived: false,
    isConstant: false,
    isSubject: false,
    specification: createFeatureSpecification(),
    connector,
    members,
    location,
  };
}
