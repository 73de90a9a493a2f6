import type { EndFeatureNode, FeatureSpecification, Identification, UsageNode, Visibility } from './ast.js';
import { definitionKinds } from './member-keywords.js';
import type { DefinitionKind, SourceLocation } from './model-types.js';
import { parseBody } from './parse-body.js';
import { atBareConnectorPart, parseConnectorPart } from './parse-connection.js';
import { createFeatureSpecification, parseFeatureSpecification } from './parse-feature-spec.js';
import { parseIdentification } from './parse-name.js';
import { atUnsupportedConstruct, skipUnsupportedConstruct } from './parse-unsupported.js';
import { atValuePart, parseValuePart } from './parse-value-part.js';
import type { ParserContext } from './parser-context.js';

/** Options for usages introduced by another keyword. */
export interface UsageOptions {
  /** The usage follows `subject`. */
  isSubject?: boolean;
}

type UsagePrefix = Pick<
  UsageNode,
  'direction' | 'isEnd' | 'isRef' | 'isAbstract' | 'isVariation' | 'isDerived' | 'isConstant'
>;

/** `('in'|'out'|'inout')? 'derived'? ('abstract'|'variation')? 'constant'? 'ref'?`, in any order. */
function parseUsagePrefix(context: ParserContext, prefix: UsagePrefix): number {
  let count = 0;
  for (; ; count += 1) {
    const token = context.current;
    if (token.kind !== 'keyword') return count;
    if (token.text === 'in' || token.text === 'out' || token.text === 'inout') prefix.direction = token.text;
    else if (token.text === 'derived') prefix.isDerived = true;
    else if (token.text === 'abstract') prefix.isAbstract = true;
    else if (token.text === 'variation') prefix.isVariation = true;
    else if (token.text === 'constant') prefix.isConstant = true;
    else if (token.text === 'ref') prefix.isRef = true;
    else return count;
    context.advance();
  }
}

const atKind = (context: ParserContext): boolean =>
  context.current.kind === 'keyword' && definitionKinds.has(context.current.text);

/**
 * `Usage = UsagePrefix KIND? Identification FeatureSpec* ValuePart? ('connect' ConnectorPart)? DefBody`.
 * With no KIND this is a keyword-less reference usage (`:>> code = "uncl";`, `in x : T;`, `a;`).
 * Returns undefined when the usage kind is outside the subset (`ref calc x`), after reporting it.
 */
export function parseUsage(
  context: ParserContext,
  visibility: Visibility | undefined,
  location: SourceLocation,
  options: UsageOptions = {},
): UsageNode | undefined {
  const startIndex = context.index;
  const prefix: UsagePrefix = {
    isEnd: false,
    isRef: false,
    isAbstract: false,
    isVariation: false,
    isDerived: false,
    isConstant: false,
  };
  let endFeature: EndFeatureNode | undefined;
  let identification: Identification = {};
  let specification: FeatureSpecification = createFeatureSpecification();
  if (context.acceptKeyword('end')) {
    prefix.isEnd = true;
    const endLocation = context.here();
    const endStartIndex = context.index;
    identification = parseIdentification(context);
    specification = parseFeatureSpecification(context);
    const endFeatureWritten = context.index > endStartIndex;
    if (atKind(context) || context.isKeyword('ref')) {
      if (endFeatureWritten) endFeature = { ...identification, specification, location: endLocation };
      identification = {};
      specification = createFeatureSpecification();
    }
  }
  parseUsagePrefix(context, prefix);
  if (atUnsupportedConstruct(context)) {
    skipUnsupportedConstruct(context);
    return undefined;
  }
  let kind: DefinitionKind | undefined;
  if (atKind(context)) {
    kind = context.advance().text as DefinitionKind;
    if (context.isKeyword('def')) context.fail(`a usage name (a definition cannot have a usage prefix)`);
  }
  const usage: UsageNode = {
    type: 'Usage',
    ...(kind ? { kind } : {}),
    ...(visibility === undefined ? {} : { visibility }),
    ...prefix,
    ...(endFeature ? { endFeature } : {}),
    isSubject: options.isSubject === true,
    specification,
    members: [],
    location,
    ...identification,
  };
  if ((kind === 'interface' || kind === 'connection') && atBareConnectorPart(context)) {
    usage.connector = parseConnectorPart(context);
    usage.members = parseBody(context);
    return usage;
  }
  Object.assign(usage, parseIdentification(context));
  parseFeatureSpecification(context, specification);
  if (atValuePart(context)) usage.value = parseValuePart(context);
  if (context.acceptKeyword('connect')) usage.connector = parseConnectorPart(context);
  if (context.index === startIndex) context.fail('a member declaration');
  usage.members = parseBody(context, { allowResult: kind === 'constraint' });
  return usage;
}
