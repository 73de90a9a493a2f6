import type { Claim, ClaimGrounding, EvidenceRef } from '../contracts/index.js';

/**
 * Why an evidence ref failed to resolve. Stable strings: validators use them as finding codes.
 * `outside-workspace` covers absolute paths, `..` segments and symlinks leading out of the workspace.
 */
export const REF_PROBLEM_CODES = [
  'path-invalid',
  'outside-workspace',
  'file-missing',
  'not-a-file',
  'file-unreadable',
  'range-invalid',
  'sha256-mismatch',
  'quote-not-found',
  'url-unverifiable',
  'url-fetch-failed',
  'content-sha256-mismatch',
  'metric-source-unknown',
] as const;

/** One of {@link REF_PROBLEM_CODES}. */
export type RefProblemCode = (typeof REF_PROBLEM_CODES)[number];

/** One reason a ref did not resolve, with a message a lane can act on. */
export interface RefProblem {
  code: RefProblemCode;
  /** Human-readable, names the ref, e.g. `src/app.ts:10-14 sha256 mismatch (lines changed or ref forged)`. */
  message: string;
}

/** The outcome of resolving one evidence ref. */
export interface RefResolution {
  ref: EvidenceRef;
  /** `resolved` only when every check passed; `problems` is then empty. */
  status: 'resolved' | 'unresolved';
  problems: RefProblem[];
}

/** Resolves evidence refs against one workspace, deterministically and without a model. */
export interface GroundingResolver {
  /** Absolute workspace directory the refs are resolved against. */
  readonly workspace: string;
  resolveRef(ref: EvidenceRef): Promise<RefResolution>;
  /** `ungrounded` when the claim has no refs, `unresolved` when any ref fails, else `grounded`. */
  groundClaim(claim: Claim): Promise<ClaimGrounding>;
}

/** Settings of {@link createGroundingResolver}. */
export interface GroundingResolverOptions {
  /** Absolute directory; file refs must stay inside it after symlinks are resolved. */
  workspace: string;
  /**
   * Fetches a URL's body for URL refs. Without it URL refs are `unresolved`: the gate runs offline
   * and an unchecked URL is not evidence.
   */
  fetchContent?: ((url: string) => Promise<string>) | undefined;
  /** Extra metric `source` strings to accept besides the built-in ones (see `isKnownMetricSource`). */
  metricSources?: readonly string[] | undefined;
}
