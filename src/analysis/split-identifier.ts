const ONE_LOWER_WORD = /^[a-z0-9]*$/;

/**
 * Words of an identifier, a path or prose, lowercased: `createSessionToken`, `session_token`,
 * `src/session-token.ts` and `HTTPServer` all split into their words, so an objective written in
 * plain words finds code written in any naming style.
 */
export function splitIdentifier(text: string): string[] {
  // One lowercase word (most names and path segments): nothing to insert, lower or split.
  if (ONE_LOWER_WORD.test(text)) return text.length > 1 ? [text] : [];
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1);
}

const SUFFIXES = [
  'ations',
  'ation',
  'ings',
  'ing',
  'ers',
  'er',
  'ies',
  'ied',
  'ed',
  'es',
  'ion',
  'ity',
  'ly',
  's',
  'e',
];

/**
 * A crude stem (suffix stripping, never below three letters) so `routing`, `router`, `routes` and
 * `route` meet; deliberately simple and deterministic rather than linguistically right.
 */
export function stemWord(word: string): string {
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length);
      return suffix === 'ies' || suffix === 'ied' ? `${stem}y` : stem;
    }
  }
  return word;
}

/** True when two words name the same thing: same stem, or one a 4+ letter prefix of the other (`auth`, `authentication`). */
export function wordsMeet(left: string, right: string): boolean {
  return stemsMeet(left, stemWord(left), right, stemWord(right));
}

/** `wordsMeet` for words whose stems (`stemWord`) are already known. */
export function stemsMeet(left: string, leftStem: string, right: string, rightStem: string): boolean {
  if (left === right || leftStem === rightStem) return true;
  const [short, long] = leftStem.length <= rightStem.length ? [leftStem, rightStem] : [rightStem, leftStem];
  return short.length >= 4 && long.startsWith(short);
}
