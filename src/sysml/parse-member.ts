import type { Member, Visibility } from './ast.js';
import { definitionKinds } from './member-keywords.js';
import { parseAlias } from './parse-alias.js';
import { atAnnotation, parseAnnotation } from './parse-annotation.js';
import { parseConnection } from './parse-connection.js';
import { parseDefinition } from './parse-definition.js';
import { parseImport } from './parse-import.js';
import { parsePackage } from './parse-package.js';
import { parseRequirementMember } from './parse-requirement.js';
import { atUnsupportedConstruct, skipUnsupportedConstruct } from './parse-unsupported.js';
import { parseUsage } from './parse-usage.js';
import type { ParserContext } from './parser-context.js';

const visibilities = new Set(['public', 'private', 'protected']);

/** True at `('abstract' | 'variation')? KIND 'def'`. */
function atDefinition(context: ParserContext): boolean {
  let offset = 0;
  while (context.isKeyword('abstract', offset) || context.isKeyword('variation', offset)) offset += 1;
  const kind = context.peek(offset);
  return kind.kind === 'keyword' && definitionKinds.has(kind.text) && context.isKeyword('def', offset + 1);
}

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
  if (atUnsupportedConstruct(context)) {
    skipUnsupportedConstruct(context);
    return undefined;
  }
  if (context.isKeyword('import')) return parseImport(context, visibility, location);
  if (context.isKeyword('alias')) return parseAlias(context, visibility, location);
  if (context.isKeyword('package') || context.isKeyword('library') || context.isKeyword('standard')) {
    return parsePackage(context, visibility, location);
  }
  if (context.isKeyword('require') || context.isKeyword('assume'))
    return parseRequirementMember(context, location);
  if (context.acceptKeyword('subject')) return parseUsage(context, visibility, location, { isSubject: true });
  if (context.isKeyword('connect')) return parseConnection(context, visibility, location);
  if (atDefinition(context)) return parseDefinition(context, visibility, location);
  return parseUsage(context, visibility, location);
}
