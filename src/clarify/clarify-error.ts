import type { IntentProblem } from '../intent/index.js';
import { formatIntentProblem } from '../intent/index.js';

/**
 * Why a clarification could not go on. The codes start with `INTENT_` because a clarification is
 * how an intent is made: bad answers and a missing answer source are bad input (exit 2).
 */
export type ClarifyErrorCode =
  | 'INTENT_ANSWERS_NOT_FOUND'
  | 'INTENT_ANSWERS_INVALID'
  | 'INTENT_NEEDS_ANSWERS'
  | 'INTENT_CLARIFY_CANCELLED'
  | 'INTENT_CLARIFY_TOO_MANY_PASSES';

/** Raised by the clarification protocol; `problems` locate bad answers as file:line:col field. */
export class ClarifyError extends Error {
  override readonly name = 'ClarifyError';
  readonly code: ClarifyErrorCode;
  readonly problems: readonly IntentProblem[];
  readonly isRetryable = false;

  constructor(
    code: ClarifyErrorCode,
    options: { message?: string; problems?: readonly IntentProblem[]; cause?: unknown },
  ) {
    const problems = options.problems ?? [];
    super(options.message ?? problems.map(formatIntentProblem).join('\n'), { cause: options.cause });
    this.code = code;
    this.problems = problems;
  }

  static isInstance(error: unknown): error is ClarifyError {
    return error instanceof Error && error.name === 'ClarifyError';
  }
}
