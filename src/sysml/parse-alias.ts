import type { AliasNode, Visibility } from './ast.js';
import type { SourceLocation } from './model-types.js';
import { parseRelationshipBody } from './parse-annotation.js';
import { parseIdentification, parseQualifiedName } from './parse-name.js';
import type { ParserContext } from './parser-context.js';

/** `Alias = 'alias' Identification 'for' QName RelBody`. */
export function parseAlias(
  context: ParserContext,
  visibility: Visibility | undefined,
  location: SourceLocation,
): AliasNode {
  context.expectKeyword('alias');
  const identification = parseIdentification(context);
  if (identification.name === undefined && identification.shortName === undefined)
    context.fail('an alias name');
  context.expectKeyword('for');
  const target = parseQualifiedName(context, 'the aliased name');
  const annotations = parseRelationshipBody(context);
  return {
    type: 'Alias',
    ...identification,
    ...(visibility === undefined ? {} : { visibility }),
    target,
    annotations,
    location,
  };
}
