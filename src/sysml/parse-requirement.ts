import type { RequirementConstraintNode, RequirementReferenceNode } from './ast.js';
import type { SourceLocation } from './model-types.js';
import { parseBody } from './parse-body.js';
import { parseFeatureSpecification } from './parse-feature-spec.js';
import { parseFeatureChain, parseIdentification, parseQualifiedName } from './parse-name.js';
import type { ParserContext } from './parser-context.js';

/**
 * `('require' | 'assume') 'constraint' Identification FeatureSpec* CalcBody`, or the reference form
 * `('require' | 'assume') Chain FeatureSpec* Body` (`require Load;`).
 */
export function parseRequirementMember(
  context: ParserContext,
  location: SourceLocation,
): RequirementConstraintNode | RequirementReferenceNode {
  const kind = context.advance().text === 'require' ? 'require' : 'assume';
  // Prefix metadata (`require #goal constraint …`) classifies the member; the model keeps no record of it.
  while (context.isSymbol('#') && context.isName(1)) {
    context.advance();
    parseQualifiedName(context, 'a metadata name');
  }
  if (context.acceptKeyword('constraint')) {
    const identification = parseIdentification(context);
    const specification = parseFeatureSpecification(context);
    const members = parseBody(context, { allowResult: true });
    return { type: 'RequirementConstraint', kind, ...identification, specification, members, location };
  }
  const target = parseFeatureChain(context, "'constraint' or a requirement name");
  const specification = parseFeatureSpecification(context);
  const members = parseBody(context);
  return { type: 'RequirementReference', kind, target, specification, members, location };
}
