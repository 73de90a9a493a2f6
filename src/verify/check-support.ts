import type { ClaimStatement } from '../contracts/index.js';
import { normalizeEvidencePath } from '../contracts/index.js';
import { type ClaimToken, extractClaimTokens, NUMBER, normalizeNumber } from './claim-tokens.js';
import { boundaryMatcher } from './token-match.js';

/** The evidence a claim's support is checked against. */
export interface SupportEvidence {
  /** The resolved text of each ref (cited lines, a URL quote, `name value` of a metric). */
  texts: readonly string[];
  /** The paths the refs cite: a claim may name the file it cites. */
  paths: readonly string[];
}

/** The outcome of the deterministic support check. */
export interface SupportResult {
  supported: boolean;
  /** Tokens absent from the evidence, as `kind "value"`. */
  missing: string[];
  /** How many tokens were checked (0: the text carries nothing checkable). */
  checked: number;
}

function numbersIn(text: string): Set<string> {
  return new Set([...text.matchAll(NUMBER)].map((match) => normalizeNumber(match[0])));
}

/** The joined evidence, asked about every token of a claim: each form of it normalised once. */
interface Haystack {
  numbers: Set<string>;
  /** Whether a needle occurs on token boundaries in the evidence text. */
  has: (needle: string) => boolean;
  /** The same in the lower-cased evidence text (terms). */
  hasLowerCase: (needle: string) => boolean;
}

function haystackOf(text: string): Haystack {
  let lowerCase: ((needle: string) => boolean) | undefined;
  return {
    numbers: numbersIn(text),
    has: boundaryMatcher(text),
    hasLowerCase: (needle) => {
      lowerCase ??= boundaryMatcher(text.toLowerCase());
      return lowerCase(needle);
    },
  };
}

function pathOccurs(path: string, evidence: SupportEvidence, haystack: Haystack): boolean {
  const wanted = normalizeEvidencePath(path);
  const cited = evidence.paths.map(normalizeEvidencePath);
  if (cited.some((candidate) => candidate === wanted || candidate.endsWith(`/${wanted}`))) return true;
  return haystack.has(wanted);
}

function tokenOccurs(token: ClaimToken, evidence: SupportEvidence, haystack: Haystack) {
  switch (token.kind) {
    case 'number':
      return haystack.numbers.has(token.value);
    case 'path':
      return pathOccurs(token.value, evidence, haystack);
    case 'code':
      return haystack.has(token.value) || pathOccurs(token.value, evidence, haystack);
    case 'identifier':
    case 'quote':
      return haystack.has(token.value);
    case 'term':
      return haystack.hasLowerCase(token.value.toLowerCase());
  }
}

function statementTokens(statement: ClaimStatement | undefined): ClaimToken[] {
  if (statement === undefined) return [];
  const strip = (text: string) => text.replace(/`/g, '').trim();
  return [
    { kind: 'term', value: strip(statement.subject) },
    { kind: 'term', value: strip(statement.object) },
  ];
}

/**
 * The deterministic support check (decision 0009): every number, backticked span, quoted string,
 * path and code-shaped identifier of the claim's text — and, when the claim has a structured form,
 * its subject and object — must occur on token boundaries in the resolved evidence. It cannot
 * judge meaning; it catches the lies that change a checkable token.
 */
export function checkSupport(
  text: string,
  evidence: SupportEvidence,
  statement?: ClaimStatement,
): SupportResult {
  const haystack = haystackOf(evidence.texts.join('\n'));
  const tokens = [...extractClaimTokens(text), ...statementTokens(statement)];
  const missing = tokens
    .filter((token) => token.value !== '' && !tokenOccurs(token, evidence, haystack))
    .map((token) => `${token.kind} "${token.value}"`);
  return { supported: missing.length === 0, missing: [...new Set(missing)], checked: tokens.length };
}

/**
 * Whether evidence text is blank or near-empty: fewer than two word tokens (`}`, `*\/`,
 * `} else {`). Such text supports nothing.
 */
export function isNearEmptyEvidence(text: string): boolean {
  // Two matches decide it: a long excerpt is not split into all of its words.
  WORD.lastIndex = 0;
  if (WORD.exec(text) === null) return true;
  return WORD.exec(text) === null;
}

const WORD = /[\p{L}\p{N}_$]+/gu;
