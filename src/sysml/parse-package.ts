import type { PackageNode, Visibility } from './ast.js';
import type { SourceLocation } from './model-types.js';
import { parseBody } from './parse-body.js';
import { parseIdentification } from './parse-name.js';
import type { ParserContext } from './parser-context.js';

/** `Package = ('standard'? 'library')? 'package' Identification Body`. */
export function parsePackage(
  context: ParserContext,
  visibility: Visibility | undefined,
  location: SourceLocation,
): PackageNode {
  const isStandard = context.acceptKeyword('standard') !== undefined;
  const isLibrary = isStandard
    ? context.expectKeyword('library') !== undefined
    : context.acceptKeyword('library') !== undefined;
  // KerML's `namespace N { … }` is a package without the package semantics; the model treats them alike.
  if (!context.acceptKeyword('namespace')) context.expectKeyword('package');
  const identification = parseIdentification(context);
  const members = parseBody(context);
  return {
    type: 'Package',
    ...identification,
    ...(visibility === undefined ? {} : { visibility }),
    isLibrary,
    isStandard,
    members,
    location,
  };
}
