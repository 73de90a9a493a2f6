import { formatIntentProblem, type IntentProblem } from './intent-problem.js';

/** Why a mission intent could not be loaded. */
export type IntentErrorCode = 'INTENT_INVALID' | 'INTENT_NOT_FOUND' | 'INTENT_EXISTS';

/**
 * Raised when a mission intent file is missing, invalid, or would overwrite a different intent.
 * `message` is the problems' lines joined, so printing it is the whole user-facing report
 * (no stack trace needed).
 */
export class IntentError extends Error {
  override readonly name = 'IntentError';
  readonly code: IntentErrorCode;
  /** Located problems; empty for `INTENT_NOT_FOUND` / `INTENT_EXISTS`. */
  readonly problems: readonly IntentProblem[];
  /** The file concerned. */
  readonly path: string;
  readonly isRetryable = false;

  constructor(
    code: IntentErrorCode,
    options: { path: string; problems?: readonly IntentProblem[]; message?: string; cause?: unknown },
  ) {
    const problems = options.problems ?? [];
    super(options.message ?? problems.map(formatIntentProblem).join('\n'), { cause: options.cause });
    this.code = code;
    this.path = options.path;
    this.problems = problems;
  }

  static isInstance(error: unknown): error is IntentError {
    return error instanceof Error && error.name === 'IntentError';
  }
}
