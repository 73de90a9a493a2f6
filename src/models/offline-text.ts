import { cutOutsideSecrets } from '../blackboard/index.js';

/** Words too common to say anything about a workspace. */
const STOPWORDS = new Set(
  'a an and are as at be but by can do does for from has have how in into is it its map of on or our should that the their then there these this to under was what when where which while who why will with without you your all any each more most other same such than too very just only also about over sample project code find list show'.split(
    ' ',
  ),
);

/** Lowercase word tokens of `text`, identifiers split on case and punctuation, stopwords removed. */
export function keywords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 2 && !STOPWORDS.has(word));
}

/** Collapses whitespace and cuts `text` to `max` characters on a word boundary. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max / 2 ? space : max)}…`;
}

/** True when a line carries meaning: not blank, not only punctuation or a bare keyword. */
export function isInformative(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length < 12) return false;
  return /[A-Za-z]{3,}/.test(trimmed) && !/^[\])}{;,]+$/.test(trimmed);
}

/** A word character as the Verify gate's boundary check reads one (`src/verify/token-match.ts`). */
const WORD_CHARACTER = /[\p{L}\p{N}_$]/u;

/**
 * A quote of `text` of at most `limit` characters: cut outside any secret (`cutOutsideSecrets`)
 * and never inside a word, since the Verify gate finds a quote only where it starts and ends on a
 * word boundary (a quote ending in `onReady` of `onReadyHookHandler` would not be found). A first
 * word longer than `limit` is cut where `cutOutsideSecrets` cut it.
 */
export function cutQuote(text: string, limit: number): string {
  const cut = cutOutsideSecrets(text, limit);
  let end = cut.length;
  if (end === text.length || !WORD_CHARACTER.test(text[end] ?? '')) return cut;
  while (end > 0 && WORD_CHARACTER.test(cut[end - 1] ?? '')) end -= 1;
  return end === 0 ? cut : cut.slice(0, end).trimEnd();
}
