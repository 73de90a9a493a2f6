/** Raised when a model's answer does not fit the requested schema or the model cannot answer. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly code: 'MODEL_OUTPUT_INVALID' | 'MODEL_UNAVAILABLE' | 'MODEL_TASK_UNSUPPORTED';
  readonly isRetryable: boolean;

  constructor(
    code: ModelError['code'],
    message: string,
    options: { cause?: unknown; isRetryable?: boolean } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.isRetryable = options.isRetryable ?? false;
  }

  static isInstance(error: unknown): error is ModelError {
    return error instanceof Error && error.name === 'ModelError';
  }
}
