import type { Claim, Contradiction, EvidenceRef } from '../contracts/index.js';
import { statementOf } from './inspect-claim.js';

const NEGATORS = new Set(['not', 'no', 'never']);
const AUXILIARIES = new Set(['do', 'does', 'did']);

/** A claim's text reduced to its content tokens and whether it is negated (odd number of negators). */
export interface Statement {
  core: string;
  negated: boolean;
}

/**
 * Reduces text to a negation-free core: contractions expanded (`isn't` → `is not`), negators and the
 * `do`/`does` they lean on dropped, a plural/3rd-person `s` stripped, so that `the handler validates
 * input` and `the handler does not validate input` share one core. A token heuristic, not a parser:
 * it only catches a claim and its plain negation.
 */
export function parseStatement(text: string): Statement {
  const expanded = text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/\bwon't\b/g, 'will not')
    .replace(/\bcan't\b|\bcannot\b/g, 'can not')
    .replace(/n't\b/g, ' not');
  const tokens = expanded.split(/[^a-z0-9_.-]+/).map((token) => token.replace(/^[.-]+|[.-]+$/g, ''));
  const kept: string[] = [];
  let negations = 0;
  tokens.forEach((token, index) => {
    if (token === '') return;
    if (NEGATORS.has(token)) {
      negations += 1;
      return;
    }
    if (AUXILIARIES.has(token) && tokens[index + 1] === 'not') return;
    kept.push(stem(token));
  });
  return { core: kept.join(' '), negated: negations % 2 === 1 };
}

function stem(token: string): string {
  return token.length > 3 && token.endsWith('s') && !/(ss|us|is)$/.test(token) ? token.slice(0, -1) : token;
}

/** Whether one text is the plain negation of the other (same core of ≥ 2 tokens, opposite polarity). */
export function isNegationOf(first: string, second: string): boolean {
  const a = parseStatement(first);
  const b = parseStatement(second);
  return a.negated !== b.negated && a.core === b.core && a.core.split(' ').length >= 2;
}

/** Whether two refs point at the same evidence: same file with overlapping lines, same URL, same metric. */
export function refsOverlap(first: EvidenceRef, second: EvidenceRef): boolean {
  if (first.kind === 'file' && second.kind === 'file') {
    return (
      first.path === second.path && first.lines[0] <= second.lines[1] && second.lines[0] <= first.lines[1]
    );
  }
  if (first.kind === 'url' && second.kind === 'url') return first.url === second.url;
  if (first.kind === 'metric' && second.kind === 'metric') return first.name === second.name;
  return false;
}

function normalizeTerm(text: string): string {
  return text.replace(/`/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Why two claims cannot both be true: `object` when both have a structured form with the same
 * subject and predicate but different objects (wherever their evidence is), `negation` when they
 * are about the same evidence and one plainly negates the other; else `undefined`.
 */
export function contradictionKind(first: Claim, second: Claim): Contradiction['kind'] | undefined {
  const a = statementOf(first);
  const b = statementOf(second);
  if (
    a !== undefined &&
    b !== undefined &&
    normalizeTerm(a.subject) === normalizeTerm(b.subject) &&
    normalizeTerm(a.predicate) === normalizeTerm(b.predicate) &&
    normalizeTerm(a.object) !== normalizeTerm(b.object)
  ) {
    return 'object';
  }
  const shareEvidence = first.evidence_refs.some((ref) =>
    second.evidence_refs.some((other) => refsOverlap(ref, other)),
  );
  return shareEvidence && isNegationOf(first.text, second.text) ? 'negation' : undefined;
}

/** Pairs of claims that contradict each other (see {@link contradictionKind}). */
export function findContradictions(claims: readonly Claim[]): [Claim, Claim][] {
  return listContradictions(claims).map((entry) => entry.pair);
}

/** Contradicting pairs with their kind and a message naming both claims and lanes. */
export function listContradictions(
  claims: readonly Claim[],
): { pair: [Claim, Claim]; contradiction: Contradiction }[] {
  const found: { pair: [Claim, Claim]; contradiction: Contradiction }[] = [];
  for (let i = 0; i < claims.length; i += 1) {
    for (let j = i + 1; j < claims.length; j += 1) {
      const a = claims[i];
      const b = claims[j];
      if (a === undefined || b === undefined) continue;
      const kind = contradictionKind(a, b);
      if (kind === undefined) continue;
      found.push({
        pair: [a, b],
        contradiction: {
          claim_ids: [a.id, b.id],
          lane_ids: [a.lane_id, b.lane_id],
          kind,
          message: `claims ${a.id} (${a.lane_id}) and ${b.id} (${b.lane_id}) contradict each other: "${a.text}" vs "${b.text}"`,
        },
      });
    }
  }
  return found;
}
