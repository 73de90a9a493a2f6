import type { Claim, ClaimStatement, EvidenceRef } from '../contracts/index.js';
import { ClaimStatementSchema, EvidenceRefSchema } from '../contracts/index.js';

/** A claim that may carry its structured form (bundle files do; lanes' claims may). */
export type StatedClaim = Claim & { statement?: ClaimStatement };

/** A claim made safe to handle, with what was wrong with it as given. */
export interface InspectedClaim {
  /** Well-formed: strings where strings belong, only well-formed refs, a valid statement or none. */
  claim: StatedClaim;
  /** Empty when the claim was well-formed. */
  problems: string[];
}

/** The structured form of a claim, when it carries a valid one. */
export function statementOf(claim: Claim): ClaimStatement | undefined {
  const { statement } = claim as StatedClaim;
  // Most claims carry none: no schema run (and no error built) to say so.
  if (statement === undefined) return undefined;
  const parsed = ClaimStatementSchema.safeParse(statement);
  return parsed.success ? parsed.data : undefined;
}

const SHA256 = /^[0-9a-f]{64}$/;

function plainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function lineNumber(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 1;
}

/**
 * Whether the schema certainly accepts `ref` (a file or metric ref of plain fields, the refs
 * lanes write): checked by hand, as the schema would, so our own refs are not run through zod a
 * third time per round. Anything else (a URL, a doubtful field) goes to the schema.
 */
function surelyValidRef(ref: unknown): boolean {
  if (!plainObject(ref)) return false;
  if (ref.kind === 'file') {
    const { path, lines, sha256, quote, commit } = ref;
    return (
      typeof path === 'string' &&
      path.length >= 1 &&
      Array.isArray(lines) &&
      lines.length === 2 &&
      lineNumber(lines[0]) &&
      lineNumber(lines[1]) &&
      typeof sha256 === 'string' &&
      SHA256.test(sha256) &&
      (quote === undefined || typeof quote === 'string') &&
      (commit === undefined || typeof commit === 'string')
    );
  }
  if (ref.kind === 'metric') {
    const { name, value, source } = ref;
    return (
      typeof name === 'string' &&
      name.length >= 1 &&
      (typeof value === 'string' || Number.isFinite(value)) &&
      typeof source === 'string' &&
      source.length >= 1
    );
  }
  return false;
}

function describeRef(ref: unknown, index: number): string | undefined {
  if (surelyValidRef(ref)) {
    const { kind, lines } = ref as { kind: string; lines: [number, number] };
    if (kind === 'file' && lines[0] > lines[1]) {
      return `evidence_refs[${index}] has a reversed range ${lines[0]}-${lines[1]}`;
    }
    return undefined;
  }
  const parsed = EvidenceRefSchema.safeParse(ref);
  const where = `evidence_refs[${index}]`;
  if (!parsed.success) {
    const kind = (ref as { kind?: unknown } | null)?.kind;
    if (typeof ref !== 'object' || ref === null) return `${where} is not an object`;
    if (kind !== 'file' && kind !== 'url' && kind !== 'metric') {
      return `${where} has an unknown kind ${JSON.stringify(kind)} (expected file, url or metric)`;
    }
    const issue = parsed.error.issues[0];
    return `${where}.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`;
  }
  if (parsed.data.kind === 'file' && parsed.data.lines[0] > parsed.data.lines[1]) {
    return `${where} has a reversed range ${parsed.data.lines[0]}-${parsed.data.lines[1]}`;
  }
  return undefined;
}

/**
 * Checks a claim's shape without trusting its type: `runVerify` is total, so a claim from a
 * hand-written file or a buggy producer (a ref of an unknown kind, a reversed range, a missing
 * field) becomes an unsupported claim with its reason instead of a `TypeError`.
 */
export function inspectClaim(raw: unknown, index: number): InspectedClaim {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null) problems.push('claim is not an object');
  const text = (field: string, fallback: string): string => {
    const candidate = value[field];
    if (typeof candidate === 'string' && candidate !== '') return candidate;
    if (typeof raw === 'object' && raw !== null)
      problems.push(`${field} is missing or not a non-empty string`);
    return fallback;
  };
  const id = text('id', `claim-${index + 1}`);
  const laneId = text('lane_id', 'unknown-lane');
  const claimText = text('text', '(no text)');
  const refs: EvidenceRef[] = [];
  if (!Array.isArray(value.evidence_refs)) {
    problems.push('evidence_refs is missing or not a list');
  } else {
    value.evidence_refs.forEach((ref: unknown, refIndex) => {
      const problem = describeRef(ref, refIndex);
      if (problem === undefined) refs.push(ref as EvidenceRef);
      else problems.push(problem);
    });
  }
  const strings = (field: string): string[] | undefined => {
    const list = value[field];
    if (list === undefined) return undefined;
    if (Array.isArray(list) && list.every((item) => typeof item === 'string')) return list as string[];
    problems.push(`${field} is not a list of strings`);
    return undefined;
  };
  const mergedFrom = strings('merged_from');
  const unpinned = strings('unpinned_citations');
  const statement =
    value.statement === undefined
      ? ({ success: false } as const)
      : ClaimStatementSchema.safeParse(value.statement);
  if (value.statement !== undefined && !statement.success) {
    problems.push('statement is not {subject, predicate, object}');
  }
  const claim: StatedClaim = {
    id,
    lane_id: laneId,
    text: claimText,
    evidence_refs: refs,
    ...(mergedFrom === undefined ? {} : { merged_from: mergedFrom }),
    ...(unpinned === undefined ? {} : { unpinned_citations: unpinned }),
    ...(statement.success ? { statement: statement.data } : {}),
  };
  return { claim, problems };
}
