const ONE_LOWER_WORD = /^[a-z0-9]*$/;

/**
 * Words of an identifier, a path or prose, lowercased: `createSessionToken`, `session_token`,
 * `src/session-token.ts` and `HTTPServer` all split into their words, so an objective written in
 * plain words finds code written in any naming style.
 *
 * Words are runs of ASCII letters and digits, cut before an upper-case letter that follows a
 * lower-case letter or digit (`session|Token`) and before the last capital of a run that a
 * lower-case letter follows (`HTTP|Server`); words of one letter are dropped. ASCII text is scanned
 * once; other text goes through `splitByRegex`, the same rules as regular expressions, because
 * lowering some non-ASCII letters yields ASCII ones (`İ`, the Kelvin sign).
 */
export function splitIdentifier(text: string): string[] {
  // One lowercase word (most names and path segments): nothing to cut or lower.
  if (ONE_LOWER_WORD.test(text)) return text.length > 1 ? [text] : [];
  const words: string[] = [];
  const length = text.length;
  let start = -1;
  let previous = OTHER;
  // Whether the word being read has a capital (only then is it lowered).
  let upper = false;
  for (let at = 0; at < length; at += 1) {
    const code = text.charCodeAt(at);
    if (code > 127) return splitByRegex(text);
    const kind = kindOf(code);
    if (kind === OTHER) {
      if (start >= 0 && at - start > 1) words.push(wordOf(text, start, at, upper));
      start = -1;
    } else if (start < 0) {
      start = at;
      upper = kind === UPPER;
    } else if (
      kind === UPPER &&
      (previous !== UPPER || (at + 1 < length && kindOf(text.charCodeAt(at + 1)) === LOWER))
    ) {
      if (at - start > 1) words.push(wordOf(text, start, at, upper));
      start = at;
      upper = true;
    } else if (kind === UPPER) upper = true;
    previous = kind;
  }
  if (start >= 0 && length - start > 1) words.push(wordOf(text, start, length, upper));
  return words;
}

/** The kinds of an ASCII character the identifier split tells apart (also `ascii-word-table.ts`). */
export const OTHER = 0;
export const LOWER = 1;
export const DIGIT = 2;
export const UPPER = 3;

export function kindOf(code: number): number {
  if (code >= 97 && code <= 122) return LOWER;
  if (code >= 65 && code <= 90) return UPPER;
  if (code >= 48 && code <= 57) return DIGIT;
  return OTHER;
}

function wordOf(text: string, start: number, end: number, upper: boolean): string {
  const word = text.slice(start, end);
  return upper ? word.toLowerCase() : word;
}

/** `splitIdentifier` by regular expressions (for text that is not all ASCII). */
export function splitByRegex(text: string): string[] {
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
