import type { ClaimGrounding, EvidenceRef, FileEvidenceRef } from '../contracts/index.js';
import type { StatedClaim } from './inspect-claim.js';

/**
 * Whether `ref` is a file ref whose fields are all of their plain types: the refs a resolver may
 * answer by content. Any other ref is resolved on its own, by identity.
 */
export function isPlainFileRef(ref: EvidenceRef): ref is FileEvidenceRef {
  if (typeof ref !== 'object' || ref === null || ref.kind !== 'file') return false;
  const { path, lines, sha256, quote, commit } = ref;
  return (
    typeof path === 'string' &&
    typeof sha256 === 'string' &&
    Array.isArray(lines) &&
    lines.length === 2 &&
    Number.isSafeInteger(lines[0]) &&
    Number.isSafeInteger(lines[1]) &&
    (quote === undefined || typeof quote === 'string') &&
    (commit === undefined || typeof commit === 'string')
  );
}

/**
 * Whether two plain file refs have the same content: every field their resolution reads (path as
 * given, lines, sha256, quote, commit). Two such refs resolve the same way against one snapshot of
 * the workspace, so a resolver may answer the second from the first.
 */
export function sameFileRef(first: FileEvidenceRef, second: FileEvidenceRef): boolean {
  return (
    first.sha256 === second.sha256 &&
    first.lines[0] === second.lines[0] &&
    first.lines[1] === second.lines[1] &&
    first.path === second.path &&
    first.quote === second.quote &&
    first.commit === second.commit
  );
}

/** A string field, length-prefixed so that no two different field lists join to the same key. */
function field(value: string): string {
  return `${value.length}:${value}`;
}

function optional(value: string | undefined): string {
  return value === undefined ? '-' : field(value);
}

/** The content of a plain file ref ({@link sameFileRef}) as a key; `undefined` for any other ref. */
export function fileRefKey(ref: EvidenceRef): string | undefined {
  if (!isPlainFileRef(ref)) return undefined;
  const { path, lines, sha256, quote, commit } = ref;
  return `${field(path)}|${lines[0]}|${lines[1]}|${field(sha256)}|${optional(quote)}|${optional(commit)}`;
}

/**
 * What a claim's grounding is computed from, apart from its id and lane: its text, statement,
 * unpinned citations, shape problems and the content of each ref; `undefined` when a ref has no
 * content key (then the claim is grounded on its own).
 */
export function groundingKey(claim: StatedClaim, shapeProblems: readonly string[]): string | undefined {
  const refs: string[] = [];
  for (const ref of claim.evidence_refs) {
    const key = fileRefKey(ref);
    if (key === undefined) return undefined;
    refs.push(key);
  }
  return JSON.stringify([
    claim.text,
    claim.statement ?? 0,
    claim.unpinned_citations ?? 0,
    shapeProblems,
    refs,
  ]);
}

/** `grounding` as the grounding of `claim` (its id and lane), with arrays of its own. */
export function regrounded(grounding: ClaimGrounding, claim: StatedClaim): ClaimGrounding {
  return {
    ...grounding,
    claim_id: claim.id,
    lane_id: claim.lane_id,
    ...(grounding.refs === undefined ? {} : { refs: [...grounding.refs] }),
    problems: [...grounding.problems],
  };
}
