/** Collapses every whitespace run to one space and trims, so re-indented or re-wrapped quotes still match. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Whether `quote` occurs in `text` once whitespace is normalized on both sides. An empty quote
 * asserts nothing and is treated as contained.
 */
export function containsQuote(text: string, quote: string): boolean {
  return normalizeWhitespace(text).includes(normalizeWhitespace(quote));
}
