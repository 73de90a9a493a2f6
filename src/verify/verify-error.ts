/** Stable codes of {@link VerifyError}. */
export type VerifyErrorCode = 'WORKSPACE_NOT_ABSOLUTE' | 'WORKSPACE_NOT_FOUND' | 'VALIDATOR_NOT_FOUND';

/**
 * Raised when the Verify gate cannot run at all (bad workspace, a quorum validator nobody provided).
 * Evidence that fails to resolve is never an error: it is a reported problem on the claim.
 */
export class VerifyError extends Error {
  override readonly name = 'VerifyError';
  readonly code: VerifyErrorCode;
  /** Retrying cannot help: every cause is a configuration mistake. */
  readonly isRetryable = false;

  constructor(code: VerifyErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }

  static isInstance(error: unknown): error is VerifyError {
    return error instanceof Error && error.name === 'VerifyError';
  }
}
