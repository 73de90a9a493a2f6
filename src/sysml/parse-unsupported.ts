import { unsupportedKeywords } from './member-keywords.js';
import type { ParserContext } from './parser-context.js';

/** True when the cursor is at a construct outside the first subset (`flow`, `#Meta`, `@Meta`, …). */
export function atUnsupportedConstruct(context: ParserContext): boolean {
  const token = context.current;
  if (token.kind === 'keyword') return unsupportedKeywords.has(token.text);
  return token.kind === 'symbol' && (token.text === '#' || token.text === '@');
}

/** The construct's display name: `flow`, `use case`, `#Safety`. */
function constructName(context: ParserContext): string {
  const token = context.current;
  if (token.text === 'use' && context.isKeyword('case', 1)) return 'use case';
  if ((token.text === '#' || token.text === '@') && context.isName(1))
    return `${token.text}${context.peek(1).text}`;
  return token.text;
}

/**
 * Reports `unsupported construct 'flow'` at the cursor and skips the construct: up to and including
 * the next `;`, or through its balanced `{…}` body, never past the `}` that closes the enclosing body.
 */
export function skipUnsupportedConstruct(context: ParserContext): void {
  context.report(
    context.here(),
    `unsupported construct '${constructName(context)}'`,
    'unsupported-construct',
  );
  const depth = context.braceDepth;
  let consumedAny = false;
  while (!context.atEnd) {
    const token = context.current;
    if (consumedAny && context.braceDepth === depth && context.isSymbol('}')) return;
    context.advance();
    consumedAny = true;
    if (context.braceDepth === depth && token.kind === 'symbol' && (token.text === ';' || token.text === '}'))
      return;
  }
}
