import { findPlaceholders } from '../verify/placeholder-text.js';

/** Stubs a code-writing model leaves that the shared detector does not know: elided bodies and hand-offs. */
const STUB_PATTERNS: readonly { label: string; pattern: RegExp }[] = [
  { label: 'elided body (// ...)', pattern: /^\s*(\/\/|#|--|;)\s*(\.\.\.|…)/ },
  { label: 'elided body (/* ... */)', pattern: /\/\*\s*(\.\.\.|…)\s*\*\// },
  { label: 'elided body (<!-- ... -->)', pattern: /<!--\s*(\.\.\.|…)\s*-->/ },
  { label: '"implement here"', pattern: /\bimplement(ation)?\s+(goes\s+)?(here|this|me)\b/i },
  { label: '"your code here"', pattern: /\byour\s+code\s+here\b/i },
  { label: '"rest of the code"', pattern: /\brest\s+of\s+(the\s+)?(code|file|implementation|function)\b/i },
  { label: '"existing code"', pattern: /^\s*(\/\/|#)\s*\.{0,3}\s*existing\s+code\b/i },
  { label: 'not implemented', pattern: /\bnot\s+implemented(\s+yet)?\b/i },
];

/**
 * The placeholder markers in lines Engage adds (`placeholder_ban`): the shared markers of
 * {@link findPlaceholders} plus elided bodies (`// ...`) and hand-offs ("implement here").
 * Only added lines count: a file that already holds a marker can still be fixed.
 *
 * @returns one `line N: marker` entry per hit (empty when clean)
 */
export function findEngagePlaceholders(addedLines: readonly { line: number; text: string }[]): string[] {
  const hits: string[] = [];
  for (const { line, text } of addedLines) {
    const labels = [
      ...findPlaceholders(text),
      ...STUB_PATTERNS.filter(({ pattern }) => pattern.test(text)).map(({ label }) => label),
    ];
    for (const label of new Set(labels)) hits.push(`line ${line}: ${label}`);
  }
  return hits;
}
