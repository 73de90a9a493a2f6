/** Stable codes so the CLI and callers can react without parsing messages. */
export type SsotErrorCode = 'SSOT_NOT_FOUND' | 'SSOT_UNKNOWN_AGENT';

/** Raised when an SSOT file is missing or an agent name is not in the model. */
export class SsotError extends Error {
  override readonly name = 'SsotError';
  readonly code: SsotErrorCode;
  /** The file or agent name the error is about. */
  readonly subject: string;
  readonly isRetryable = false;

  constructor(code: SsotErrorCode, subject: string, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.subject = subject;
  }

  static isInstance(error: unknown): error is SsotError {
    return error instanceof Error && error.name === 'SsotError';
  }
}
