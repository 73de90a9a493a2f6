import type { AnnotationNode, Identification, QualifiedName } from './ast.js';
import { commentText } from './comment-text.js';
import { parseIdentification, parseQualifiedName } from './parse-name.js';
import type { ParserContext } from './parser-context.js';

/** True when the cursor is at `doc`, `comment`, `locale` or a bare REGULAR_COMMENT. */
export function atAnnotation(context: ParserContext): boolean {
  return (
    context.current.kind === 'comment' ||
    context.isKeyword('doc') ||
    context.isKeyword('comment') ||
    (context.isKeyword('locale') && context.peek(1).kind === 'string')
  );
}

function parseLocale(context: ParserContext): string | undefined {
  if (!context.acceptKeyword('locale')) return undefined;
  if (context.current.kind !== 'string') context.fail('a locale string');
  return context.advance().text;
}

function expectCommentBody(context: ParserContext): string {
  if (context.current.kind !== 'comment') context.fail("a comment '/* … */'");
  return commentText(context.advance().text);
}

/**
 * `Annotation = 'doc' Identification ('locale' STRING)? COMMENT
 *   | ('comment' Identification ('about' QName (',' QName)*)?)? ('locale' STRING)? COMMENT`.
 */
export function parseAnnotation(context: ParserContext): AnnotationNode {
  const location = context.here();
  if (context.acceptKeyword('doc')) {
    const identification = parseIdentification(context);
    const locale = parseLocale(context);
    const text = expectCommentBody(context);
    return { type: 'Doc', ...identification, ...(locale === undefined ? {} : { locale }), text, location };
  }
  let identification: Identification = {};
  const about: QualifiedName[] = [];
  if (context.acceptKeyword('comment')) {
    identification = parseIdentification(context);
    if (context.acceptKeyword('about')) {
      about.push(parseQualifiedName(context));
      while (context.acceptSymbol(',')) about.push(parseQualifiedName(context));
    }
  }
  const locale = parseLocale(context);
  const text = expectCommentBody(context);
  return {
    type: 'Comment',
    ...identification,
    about,
    ...(locale === undefined ? {} : { locale }),
    text,
    location,
  };
}

/** `RelBody = ';' | '{' Annotation* '}'`, used by imports and aliases. */
export function parseRelationshipBody(context: ParserContext): AnnotationNode[] {
  if (context.acceptSymbol(';')) return [];
  if (!context.acceptSymbol('{')) context.fail("';' or '{'");
  const annotations: AnnotationNode[] = [];
  while (atAnnotation(context)) annotations.push(parseAnnotation(context));
  context.expectSymbol('}');
  return annotations;
}
