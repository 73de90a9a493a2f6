/** Why an apply or a revert could not go ahead. */
export type EngageErrorCode = 'ENGAGE_PLAN_INVALID' | 'ENGAGE_NOTHING_TO_REVERT' | 'ENGAGE_REVERT_CONFLICT';

/** Raised by `mission revert` (and plan reading) with a message written for people. */
export class EngageError extends Error {
  override readonly name = 'EngageError';
  readonly code: EngageErrorCode;
  readonly isRetryable = false;

  constructor(code: EngageErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }

  static isInstance(error: unknown): error is EngageError {
    return error instanceof Error && error.name === 'EngageError';
  }
}
