const WORD_CHARACTER = /[\p{L}\p{N}_$]/u;

/** Collapses every whitespace run to one space and trims, so re-indented or re-wrapped text still matches. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The ASCII word characters (`A–Z`, `a–z`, `0–9`, `_`, `$`): what {@link WORD_CHARACTER} says below 128. */
const ASCII_WORD = new Uint8Array(128);
for (const character of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_$')
  ASCII_WORD[character.charCodeAt(0)] = 1;

function isWordCharacter(character: string | undefined): boolean {
  if (character === undefined) return false;
  // Most text is ASCII: a table lookup, the Unicode regex only for the rest (same answers).
  const code = character.charCodeAt(0);
  return code < 128 ? ASCII_WORD[code] === 1 : WORD_CHARACTER.test(character);
}

/**
 * Whether `needle` occurs in `haystack` on token boundaries: when the needle starts (ends) with a
 * word character, the character before (after) the occurrence must not be one. So `delay(10` does
 * not match `delay(100)` and `port` does not match `export`. Whitespace is normalised on both sides;
 * comparison is exact otherwise (a homoglyph is a different character).
 */
export function containsOnBoundary(haystack: string, needle: string): boolean {
  return occursOnBoundary(normalizeWhitespace(haystack), needle);
}

/**
 * {@link containsOnBoundary} against one haystack for many needles: the haystack is normalised
 * once, on the first question, instead of once per needle.
 */
export function boundaryMatcher(haystack: string): (needle: string) => boolean {
  let text: string | undefined;
  return (needle) => {
    text ??= normalizeWhitespace(haystack);
    return occursOnBoundary(text, needle);
  };
}

function occursOnBoundary(text: string, needle: string): boolean {
  const target = normalizeWhitespace(needle);
  if (target === '') return true;
  const checkStart = isWordCharacter(target[0]);
  const checkEnd = isWordCharacter(target[target.length - 1]);
  for (let index = text.indexOf(target); index !== -1; index = text.indexOf(target, index + 1)) {
    if (checkStart && isWordCharacter(text[index - 1])) continue;
    if (checkEnd && isWordCharacter(text[index + target.length])) continue;
    return true;
  }
  return false;
}
