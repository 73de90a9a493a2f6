import type { Claim, ClaimGrounding, EvidenceRef, RefOutcome } from '../contracts/index.js';

/**
 * Why an evidence ref failed to resolve, or why it cannot be checked. Stable strings: validators
 * use them as finding codes. `outside-workspace` covers absolute paths, `..` segments and symlinks
 * leading out of the workspace.
 */
export const REF_PROBLEM_CODES = [
  'malformed-ref',
  'path-invalid',
  'outside-workspace',
  'file-missing',
  'not-a-file',
  'file-unreadable',
  'range-invalid',
  'sha256-mismatch',
  'quote-not-found',
  'empty-evidence',
  'url-unverifiable',
  'url-fetch-failed',
  'content-sha256-mismatch',
  'metric-mismatch',
  'metric-unverifiable',
] as const;

/** One of {@link REF_PROBLEM_CODES}. */
export type RefProblemCode = (typeof REF_PROBLEM_CODES)[number];

/** One reason a ref did not resolve, with a message a lane can act on. */
export interface RefProblem {
  code: RefProblemCode;
  /** Human-readable, names the ref, e.g. `src/app.ts:10-14 sha256 mismatch (lines changed or ref forged)`. */
  message: string;
}

const OUTCOME_OF_PROBLEM: Record<RefProblemCode, RefOutcome> = {
  'malformed-ref': 'PATH_INVALID',
  'path-invalid': 'PATH_INVALID',
  'outside-workspace': 'PATH_INVALID',
  'file-missing': 'MISSING',
  'not-a-file': 'MISSING',
  'file-unreadable': 'MISSING',
  'range-invalid': 'RANGE_OUT_OF_BOUNDS',
  'sha256-mismatch': 'HASH_MISMATCH',
  'content-sha256-mismatch': 'HASH_MISMATCH',
  'metric-mismatch': 'HASH_MISMATCH',
  'quote-not-found': 'QUOTE_NOT_FOUND',
  'empty-evidence': 'EMPTY_EVIDENCE',
  'url-unverifiable': 'UNVERIFIABLE',
  'url-fetch-failed': 'UNVERIFIABLE',
  'metric-unverifiable': 'UNVERIFIABLE',
};

/** The outcome a problem stands for (the first problem decides when there are several). */
export function outcomeOfProblem(code: RefProblemCode): RefOutcome {
  return OUTCOME_OF_PROBLEM[code];
}

/** Outcomes under which a ref supports its claim (the last two are reported, not counted as lies). */
export const SUPPORTING_OUTCOMES: ReadonlySet<RefOutcome> = new Set([
  'VERIFIED',
  'WHITESPACE_ONLY',
  'RELOCATED',
]);

/** The outcome of resolving one evidence ref. */
export interface RefResolution {
  ref: EvidenceRef;
  /** `resolved` only when the outcome supports (`problems` is then empty); `unverifiable` is counted apart. */
  status: 'resolved' | 'unresolved' | 'unverifiable';
  outcome: RefOutcome;
  problems: RefProblem[];
  /** The evidence text the ref stands for when resolved: the cited lines (where they are now), a URL quote, `name value`. */
  text?: string;
  /** For `RELOCATED`: where the cited text is now. */
  relocatedLines?: [number, number];
  /** The commit the lines were read at. */
  commit?: string;
}

/** Resolves evidence refs against one workspace, deterministically and without a model. */
export interface GroundingResolver {
  /** Absolute workspace directory the refs are resolved against. */
  readonly workspace: string;
  /** Never throws for a bad ref (an unknown kind or a reversed range is a problem), only for a broken machine. */
  resolveRef(ref: EvidenceRef): Promise<RefResolution>;
  /** Resolves every ref of the claim and checks the claim's text against the resolved evidence. */
  groundClaim(claim: Claim): Promise<ClaimGrounding>;
  /** The lines of a workspace file (cached), or `undefined` when it cannot be read. */
  readLines?(relativePath: string): Promise<readonly string[] | undefined>;
}

/** A recorded command of this mission with its output. */
export interface RecordedCommand {
  command: string;
  output: string;
}

/** A recorded trace span's attributes. */
export interface RecordedSpan {
  name: string;
  attributes: Readonly<Record<string, string | number | boolean>>;
}

/** Settings of {@link createGroundingResolver}. */
export interface GroundingResolverOptions {
  /** Absolute directory; file refs must stay inside it after symlinks are resolved. */
  workspace: string;
  /** Perceive's content-addressed URL snapshots: the body whose sha256 is given, if stored. */
  readSnapshot?: ((contentSha256: string) => Promise<string | undefined>) | undefined;
  /**
   * Fetches a URL's body when no snapshot holds it. Without it (and without a snapshot) URL refs are
   * `UNVERIFIABLE`: the gate runs offline.
   */
  fetchContent?: ((url: string) => Promise<string>) | undefined;
  /** Commands this mission ran, with their recorded output: metric sources `command: <command>`. */
  commands?: readonly RecordedCommand[] | undefined;
  /** Recorded spans: metric sources `span: <name>#<attribute>`. */
  spans?: readonly RecordedSpan[] | undefined;
  /** Resolve refs carrying a `commit` against that commit (default true; needs `git`). */
  useGit?: boolean | undefined;
}
