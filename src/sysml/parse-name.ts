import type { FeatureChain, Identification, QualifiedName } from './ast.js';
import type { ParserContext } from './parser-context.js';

/** True when the cursor is at `::` followed by a name (not `::*` or `::**`). */
function atQualifierSeparator(context: ParserContext): boolean {
  return context.isSymbol('::') && context.isName(1);
}

/** `QName = ('$' '::')? NAME ('::' NAME)*`. Stops before `::*` and `::**`, which imports handle. */
export function parseQualifiedName(context: ParserContext, what = 'a name'): QualifiedName {
  const location = context.here();
  let isGlobal = false;
  if (context.isSymbol('$') && context.isSymbol('::', 1)) {
    context.advance();
    context.advance();
    isGlobal = true;
  }
  const segments = [context.expectName(what).text];
  context.usedNames.add(segments[0] as string);
  while (atQualifierSeparator(context)) {
    context.advance();
    segments.push(context.advance().text);
  }
  return { type: 'QualifiedName', segments, isGlobal, text: segments.join('::'), location };
}

/** `Chain = QName ('.' QName)*`: a feature chain such as `wheel.w.mountingHoles`. */
export function parseFeatureChain(context: ParserContext, what = 'a name'): FeatureChain {
  const location = context.here();
  const parts = [parseQualifiedName(context, what)];
  while (context.isSymbol('.') && context.isName(1)) {
    context.advance();
    parts.push(parseQualifiedName(context));
  }
  return { type: 'FeatureChain', parts, text: parts.map((part) => part.text).join('.'), location };
}

/** `Identification = ('<' NAME '>')? NAME?`. */
export function parseIdentification(context: ParserContext): Identification {
  const identification: Identification = {};
  if (context.isSymbol('<') && context.isName(1)) {
    context.advance();
    identification.shortName = context.advance().text;
    context.expectSymbol('>');
  }
  if (context.isName()) identification.name = context.advance().text;
  return identification;
}
