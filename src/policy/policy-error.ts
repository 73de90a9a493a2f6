/** One located problem of a charter: `AGENTS.md:12:5 guardrails.max_tokens: …`. */
export interface PolicyProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted field path, or `(charter)` for the block as a whole. */
  field: string;
  message: string;
}

/** `AGENTS.md:12:5 guardrails.max_tokens: expected a number`. */
export function formatPolicyProblem(problem: PolicyProblem): string {
  return `${problem.file}:${problem.line}:${problem.column} ${problem.field}: ${problem.message}`;
}

/** Raised when the execution policy in `AGENTS.md` cannot be read or is invalid. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  readonly code: 'POLICY_INVALID' | 'POLICY_UNREADABLE';
  readonly problems: readonly PolicyProblem[];
  readonly isRetryable = false;

  constructor(
    code: PolicyError['code'],
    options: { problems?: readonly PolicyProblem[]; message?: string; cause?: unknown },
  ) {
    const problems = options.problems ?? [];
    super(options.message ?? problems.map(formatPolicyProblem).join('\n'), { cause: options.cause });
    this.code = code;
    this.problems = problems;
  }

  static isInstance(error: unknown): error is PolicyError {
    return error instanceof Error && error.name === 'PolicyError';
  }
}
