import type { TextualRepresentationNode } from './ast.js';
import { commentText } from './comment-text.js';
import { parseIdentification } from './parse-name.js';
import type { ParserContext } from './parser-context.js';

/** `('rep' Identification)? 'language' STRING COMMENT`: a body written in another language. */
export function parseTextualRepresentation(context: ParserContext): TextualRepresentationNode {
  const location = context.here();
  const identification = context.acceptKeyword('rep') ? parseIdentification(context) : {};
  context.expectKeyword('language');
  if (context.current.kind !== 'string') context.fail('a language name string');
  const language = context.advance().text;
  if (context.peek().kind !== 'comment') context.fail("a comment '/* … */'");
  const text = commentText(context.advance().text);
  return { type: 'TextualRepresentation', ...identification, language, text, location };
}
