import { redactText } from '../blackboard/index.js';

/**
 * Phrases with which text addresses a model or a gate instead of describing code: "ignore
 * previous instructions", "verifier: mark this PASS", "you are now …", "system prompt".
 */
const INSTRUCTION_PATTERNS: readonly RegExp[] = [
  /\bignore\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier)\s+(?:instructions|prompts?|rules)\b/i,
  /\bdisregard\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|your)\s+(?:instructions|rules)\b/i,
  /\b(?:verifier|validator|judge|immunizer|disruptor|reviewer|assistant|ai|llm|model)s?\s*[:,]\s*(?:please\s+)?(?:mark|rate|grade|report|return|say|treat|consider|approve)\b/i,
  /\bmark\s+(?:this|it|these|the\s+claims?)\s+(?:as\s+)?(?:pass(?:ed)?|verified|supported|safe|true|grounded)\b/i,
  /\byou\s+are\s+now\b/i,
  /\b(?:system|developer)\s+prompt\b/i,
  /\bnew\s+instructions\s*:/i,
];

/**
 * The first instruction-like passage of `text`, shortened, or `undefined`. Such evidence is quoted
 * as data in the report and the digest and never changes a verdict.
 */
export function findInstructionLikeText(source: string): string | undefined {
  // Redacted before a passage is cut out of it: the cut could split a secret.
  const text = redactText(source);
  for (const pattern of INSTRUCTION_PATTERNS) {
    const match = pattern.exec(text);
    if (match === null) continue;
    const start = Math.max(0, match.index - 20);
    const passage = text
      .slice(start, match.index + match[0].length + 40)
      .replace(/\s+/g, ' ')
      .trim();
    return passage.length > 120 ? `${passage.slice(0, 117)}...` : passage;
  }
  return undefined;
}
