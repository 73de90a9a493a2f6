import type { Member, Visibility } from './ast.js';
import { parseAlias } from './parse-alias.js';
import { atAnnotation, parseAnnotation } from './parse-annotation.js';
import { parseConnection } from './parse-connection.js';
import { parseElement } from './parse-element.js';
import { parseImport } from './parse-import.js';
import { parsePackage } from './parse-package.js';
import { parseRequirementMember } from './parse-requirement.js';
import { parseTextualRepresentation } from './parse-textual-representation.js';
import { skipUnsupportedConstruct } from './parse-unsupported.js';
import type { ParserContext } from './parser-context.js';

const visibilities = new Set(['public', 'private', 'protected']);

/**
 * `Member = Annotation | Visibility? (Import | Alias | Package | DefOrUsage)`, plus the requirement
 * members (`subject`, `require`, `assume`). Returns undefined for a skipped unsupported construct.
 */
export function parseMember(context: ParserContext): Member | undefined {
  const location = context.here();
  if (atAnnotation(context)) return parseAnnotation(context);
  let visibility: Visibility | undefined;
  if (context.current.kind === 'keyword' && visibilities.has(context.current.text)) {
    visibility = context.advance().text as Visibility;
  }
  if (context.isKeyword('import') || context.isKeyword('expose'))
    return parseImport(context, visibility, location);
  if (context.isKeyword('alias')) return parseAlias(context, visibility, location);
  if (
    context.isKeyword('package') ||
    context.isKeyword('namespace') ||
    (context.isKeyword('library') &&
      (context.isKeyword('package', 1) || context.isKeyword('namespace', 1))) ||
    context.isKeyword('standard')
  ) {
    return parsePackage(context, visibility, location);
  }
  if (context.isKeyword('rep') || context.isKeyword('language')) return parseTextualRepresentation(context);
  if (context.isKeyword('require') || context.isKeyword('assume'))
    return parseRequirementMember(context, location);
  if (context.isKeyword('connect')) return parseConnection(context, visibility, location);
  if (context.isKeyword('library')) {
    skipUnsupportedConstruct(context);
    return undefined;
  }
  return parseElement(context, visibility, location);
}
