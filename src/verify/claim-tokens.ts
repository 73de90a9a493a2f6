/**
 * What kind of checkable token a claim carries (decision 0009); `term` is a structured claim's
 * subject or object, matched without regard to case.
 */
export type ClaimTokenKind = 'number' | 'code' | 'identifier' | 'path' | 'quote' | 'term';

/** One token of a claim's text that must occur in its evidence. */
export interface ClaimToken {
  kind: ClaimTokenKind;
  /** As the claim wrote it (paths without `./`, numbers without separators). */
  value: string;
}

const FILE_EXTENSIONS =
  'ts|tsx|mts|cts|js|jsx|mjs|cjs|json|jsonc|md|mdx|yml|yaml|toml|ini|py|go|rs|java|kt|rb|php|cs|c|h|cpp|hpp|swift|sh|sql|css|scss|html|txt|lock|sysml|xml|env';
const CODE_SPAN = /`([^`\n]+)`/g;
const DOUBLE_QUOTED = /"([^"\n]{1,200})"|“([^”\n]{1,200})”/g;
const SINGLE_QUOTED = /(?<![\p{L}\p{N}_])'([^'\n]{2,200})'(?![\p{L}\p{N}_])/gu;
/** A location in prose (`line 12`, `lines 3-5`, `src/a.ts:10-14`): it points, it asserts nothing. */
const LOCATION = /\blines?\s+\d+(?:\s*(?:-|–|to)\s*\d+)?|(?<=\S):\d+(?:-\d+)?(?![\p{N}])/giu;
const PATH = new RegExp(
  String.raw`(?<![\p{L}\p{N}_/.-])(?:\.{1,2}/)*(?:[\w@.-]+/)+[\w@.-]*[\w]|(?<![\p{L}\p{N}_/.-])[\w-]+\.(?:${FILE_EXTENSIONS})(?![\p{L}\p{N}_])`,
  'gu',
);
const URL = /\bhttps?:\/\/\S+/g;
const SNAKE_CASE = /(?<![\p{L}\p{N}_$])[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*[A-Za-z0-9](?![\p{L}\p{N}_$])/gu;
const CAMEL_CASE = /(?<![\p{L}\p{N}_$])[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*(?![\p{L}\p{N}_$])/gu;
const CALL = /(?<![\p{L}\p{N}_$.])([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\(/gu;
/** A number not glued to a word (`value1` carries no number); `1,000` and `1_000` are `1000`. */
export const NUMBER = /(?<![\p{L}\p{N}_.$])\d+(?:[,_]\d{3})*(?:\.\d+)?(?![\p{L}\p{N}_])/gu;

/** `1,000` → `1000`; numbers compare by value, so `3` matches `3.0`. */
export function normalizeNumber(text: string): string {
  return String(Number(text.replace(/[,_]/g, '')));
}

function isProseFileName(token: string): boolean {
  // `Node.js`, `Vue.js`: a capitalised word with an extension is a product name, not a file.
  return !token.includes('/') && /^[A-Z][a-z]+\.[a-z]+$/.test(token);
}

/**
 * The tokens of a claim's text the support check requires in the evidence: backticked code,
 * quoted strings, paths, code-shaped identifiers (snake_case, lower camelCase, calls) and numbers.
 * Code spans and quotes are taken whole and removed before the rest is scanned, so a number inside
 * a quote is checked as part of the quote only. Locations (`line 12`, `a.ts:3-5`) are not tokens.
 */
export function extractClaimTokens(text: string): ClaimToken[] {
  const tokens: ClaimToken[] = [];
  let rest = text.replace(CODE_SPAN, (_, code: string) => {
    tokens.push({ kind: 'code', value: code.trim() });
    return ' ';
  });
  rest = rest.replace(DOUBLE_QUOTED, (_, straight?: string, curly?: string) => {
    tokens.push({ kind: 'quote', value: (straight ?? curly ?? '').trim() });
    return ' ';
  });
  rest = rest.replace(SINGLE_QUOTED, (_, quoted: string) => {
    tokens.push({ kind: 'quote', value: quoted.trim() });
    return ' ';
  });
  rest = rest.replace(URL, ' ').replace(LOCATION, ' ');
  rest = rest.replace(PATH, (match: string) => {
    const path = match.replace(/^(?:\.\/)+/, '');
    if (!isProseFileName(path) && /[\p{L}]/u.test(path)) tokens.push({ kind: 'path', value: path });
    return ' ';
  });
  for (const pattern of [SNAKE_CASE, CAMEL_CASE]) {
    for (const match of rest.matchAll(pattern)) tokens.push({ kind: 'identifier', value: match[0] });
  }
  for (const match of rest.matchAll(CALL)) {
    const name = match[1] ?? '';
    if (!tokens.some((token) => token.value === name)) tokens.push({ kind: 'identifier', value: name });
  }
  for (const match of rest.matchAll(NUMBER))
    tokens.push({ kind: 'number', value: normalizeNumber(match[0]) });
  const seen = new Set<string>();
  return tokens.filter((token) => {
    const key = `${token.kind}\u0000${token.value}`;
    if (token.value === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
