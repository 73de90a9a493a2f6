import type { DefinitionNode, QualifiedName, Visibility } from './ast.js';
import type { DefinitionKind, SourceLocation } from './model-types.js';
import { parseBody } from './parse-body.js';
import { parseIdentification, parseQualifiedName } from './parse-name.js';
import type { ParserContext } from './parser-context.js';

/**
 * `Definition = ('abstract' | 'variation')? KIND 'def' Identification
 *   (('specializes' | ':>') QName (',' QName)*)? DefBody`.
 */
export function parseDefinition(
  context: ParserContext,
  visibility: Visibility | undefined,
  location: SourceLocation,
): DefinitionNode {
  let isAbstract = false;
  let isVariation = false;
  for (;;) {
    if (context.acceptKeyword('abstract')) isAbstract = true;
    else if (context.acceptKeyword('variation')) isVariation = true;
    else break;
  }
  const kind = context.advance().text as DefinitionKind;
  context.expectKeyword('def');
  const identification = parseIdentification(context);
  const specializes: QualifiedName[] = [];
  while (context.acceptKeyword('specializes') || context.acceptSymbol(':>')) {
    specializes.push(parseQualifiedName(context, 'a definition name'));
    while (context.acceptSymbol(',')) specializes.push(parseQualifiedName(context, 'a definition name'));
  }
  const members = parseBody(context, { allowResult: kind === 'constraint' });
  return {
    type: 'Definition',
    kind,
    ...identification,
    ...(visibility === undefined ? {} : { visibility }),
    isAbstract,
    isVariation,
    specializes,
    members,
    location,
  };
}
