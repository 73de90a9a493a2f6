import type { Expression, ImportNode, Visibility } from './ast.js';
import type { SourceLocation } from './model-types.js';
import { parseRelationshipBody } from './parse-annotation.js';
import { parseExpression } from './parse-expression.js';
import { parseQualifiedName } from './parse-name.js';
import type { ParserContext } from './parser-context.js';

/**
 * `Import = Visibility 'import' 'all'? QName ('::' '*')? ('::' '**')? RelBody`. The 2026 BNF requires
 * the visibility; a bare `import` (common in older tutorials and generated models) is accepted with a
 * `bare-import` warning.
 */
export function parseImport(
  context: ParserContext,
  visibility: Visibility | undefined,
  location: SourceLocation,
): ImportNode {
  const isExpose = context.isKeyword('expose');
  const importToken = isExpose ? context.advance() : context.expectKeyword('import');
  if (visibility === undefined && !isExpose) {
    context.report(
      context.locationOf(importToken),
      "import without visibility: write 'private import' or 'public import'",
      'bare-import',
      'warning',
    );
  }
  // An `expose` imports all, private members included (SysML 8.3.26.4: `isImportAll = true`).
  const isAll = context.acceptKeyword('all') !== undefined || isExpose;
  const target = parseQualifiedName(context, 'a package or element name');
  let importsMembers = false;
  let isRecursive = false;
  if (context.isSymbol('::') && context.isSymbol('*', 1)) {
    context.advance();
    context.advance();
    importsMembers = true;
  }
  if (context.isSymbol('::') && context.isSymbol('**', 1)) {
    context.advance();
    context.advance();
    isRecursive = true;
  }
  const filters: Expression[] = [];
  while (context.acceptSymbol('[')) {
    filters.push(parseExpression(context));
    context.expectSymbol(']');
  }
  const annotations = parseRelationshipBody(context);
  return {
    type: 'Import',
    ...(visibility === undefined ? {} : { visibility }),
    isAll,
    target,
    importsMembers,
    isRecursive,
    ...(filters.length > 0 ? { filters } : {}),
    ...(isExpose ? { isExpose } : {}),
    annotations,
    location,
  };
}
