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

/** What pairing needs of one claim, computed once per claim instead of once per pair. */
interface ClaimFacts {
  /** `subject \u0000 predicate` normalized, and the object, when the claim has a valid statement. */
  topic?: string;
  object?: string;
  /** The negation-free core when it has ≥ 2 tokens (shorter cores never negate each other). */
  core?: string;
  negated: boolean;
}

function factsOf(claim: Claim): ClaimFacts {
  const statement = statementOf(claim);
  const parsed = parseStatement(claim.text);
  return {
    ...(statement === undefined
      ? {}
      : {
          topic: `${normalizeTerm(statement.subject)}\u0000${normalizeTerm(statement.predicate)}`,
          object: normalizeTerm(statement.object),
        }),
    ...(parsed.core.split(' ').length >= 2 ? { core: parsed.core } : {}),
    negated: parsed.negated,
  };
}

function groupBy(facts: readonly ClaimFacts[], key: (fact: ClaimFacts) => string | undefined): number[][] {
  const groups = new Map<string, number[]>();
  facts.forEach((fact, index) => {
    const value = key(fact);
    if (value === undefined) return;
    const group = groups.get(value);
    if (group === undefined) groups.set(value, [index]);
    else group.push(index);
  });
  return [...groups.values()].filter((group) => group.length > 1);
}

/** `group`'s indices split by `key`, each part in the group's order. */
function splitBy(group: readonly number[], key: (index: number) => string | undefined): number[][] {
  const parts = new Map<string | undefined, number[]>();
  for (const index of group) {
    const value = key(index);
    const part = parts.get(value);
    if (part === undefined) parts.set(value, [index]);
    else part.push(index);
  }
  return [...parts.values()];
}

/**
 * Contradicting pairs with their kind and a message naming both claims and lanes, in claim order
 * (by first claim, then second). The same verdict per pair as {@link contradictionKind}, found by
 * grouping claims on their statement's subject and predicate and on their text's core, so only
 * pairs that can contradict are compared.
 */
export function listContradictions(
  claims: readonly Claim[],
): { pair: [Claim, Claim]; contradiction: Contradiction }[] {
  // Lanes often state the same text: a claim without a statement has the facts of its text alone.
  const byText = new Map<string, ClaimFacts>();
  const facts = claims.map((claim) => {
    if ((claim as { statement?: unknown }).statement !== undefined || typeof claim.text !== 'string') {
      return factsOf(claim);
    }
    let known = byText.get(claim.text);
    if (known === undefined) {
      known = factsOf(claim);
      byText.set(claim.text, known);
    }
    return known;
  });
  const kinds = new Map<number, Contradiction['kind']>();
  const pairKey = (i: number, j: number) => (i < j ? i * claims.length + j : j * claims.length + i);
  // Only claims with different objects (one topic), or of opposite polarity (one core), can
  // contradict: each group is split on that first, so lanes stating the same claim are never
  // compared pair by pair (64 lanes of one text were 2,016 comparisons of equal facts).
  for (const group of groupBy(facts, (fact) => fact.topic)) {
    const byObject = splitBy(group, (index) => facts[index]?.object);
    for (let x = 0; x < byObject.length; x += 1) {
      for (let y = x + 1; y < byObject.length; y += 1) {
        for (const i of byObject[x] as number[]) {
          for (const j of byObject[y] as number[]) kinds.set(pairKey(i, j), 'object');
        }
      }
    }
  }
  for (const group of groupBy(facts, (fact) => fact.core)) {
    const negated = group.filter((index) => facts[index]?.negated === true);
    if (negated.length === 0 || negated.length === group.length) continue;
    const plain = group.filter((index) => facts[index]?.negated !== true);
    for (const n of negated) {
      for (const p of plain) {
        const key = pairKey(n, p);
        if (kinds.has(key)) continue;
        // In claim order, as the pair is listed.
        const a = claims[Math.min(n, p)] as Claim;
        const b = claims[Math.max(n, p)] as Claim;
        const shareEvidence = a.evidence_refs.some((ref) =>
          b.evidence_refs.some((other) => refsOverlap(ref, other)),
        );
        if (shareEvidence) kinds.set(key, 'negation');
      }
    }
  }
  return [...kinds.entries()]
    .sort(([left], [right]) => left - right)
    .map(([key, kind]) => {
      const a = claims[Math.floor(key / claims.length)] as Claim;
      const b = claims[key % claims.length] as Claim;
      return {
        pair: [a, b] as [Claim, Claim],
        contradiction: {
          claim_ids: [a.id, b.id],
          lane_ids: [a.lane_id, b.lane_id],
          kind,
          message: `claims ${a.id} (${a.lane_id}) and ${b.id} (${b.lane_id}) contradict each other: "${a.text}" vs "${b.text}"`,
        },
      };
    });
}
