/** Raised when a digest cannot be written where it belongs. */
export class DigestError extends Error {
  override readonly name = 'DigestError';
  readonly code: 'DIGEST_PATH_UNSAFE' | 'DIGEST_WRITE_FAILED';
  readonly isRetryable = false;

  constructor(code: DigestError['code'], message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }

  static isInstance(error: unknown): error is DigestError {
    return error instanceof Error && error.name === 'DigestError';
  }
}
