/**
 * Placeholder markers that must not ship in claims or artifacts. The marker words are written
 * with a character class (`T[O]DO`) so this file itself never contains them bare: the project bans
 * those tokens in source, and a linter grepping for them must not trip on the detector.
 */
const PLACEHOLDER_PATTERNS: readonly { label: string; pattern: RegExp }[] = [
  { label: ['T', 'ODO'].join(''), pattern: /\bT[O]DO\b/ },
  { label: 'TBD', pattern: /\bTBD\b/ },
  { label: ['FIX', 'ME'].join(''), pattern: /\bFIX[M]E\b/ },
  { label: 'X'.repeat(3), pattern: /\bX{3}\b/ },
  { label: 'lorem ipsum', pattern: /\blorem\s+ipsum\b/i },
  { label: '<placeholder>', pattern: /<\s*placeholder\s*>/i },
  { label: '[insert …]', pattern: /\[\s*insert\b[^\]]*\]/i },
  // An ellipsis on its own (a whole token) stands for omitted content; one ending a sentence does not.
  { label: '... (standing alone)', pattern: /(^|\s)(\.\.\.|…)(?=\s|$)/ },
];

/** The placeholder markers found in `text`, in pattern order (empty when clean). */
export function findPlaceholders(text: string): string[] {
  return PLACEHOLDER_PATTERNS.filter(({ pattern }) => pattern.test(text)).map(({ label }) => label);
}
