/**
 * The body of a REGULAR_COMMENT without `/*`, `*\/` and the ` * ` that starts continuation lines,
 * trimmed. Inner line breaks are kept so multi-paragraph docs stay readable.
 *
 * @example
 * commentText('/* Scan code\n * for XSS *\/') // 'Scan code\nfor XSS'
 */
export function commentText(rawComment: string): string {
  const body = rawComment.replace(/^\/\*/, '').replace(/\*\/$/, '');
  const lines = body.split(/\r\n|\r|\n/).map((line) => line.replace(/^\s*\*+ ?/, '').trimEnd());
  return lines.join('\n').trim();
}
