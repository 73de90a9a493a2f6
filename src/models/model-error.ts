/** The stable codes a {@link ModelError} carries; callers branch on these, never on messages. */
export type ModelErrorCode =
  /** The answer is not valid JSON or does not fit the schema (after one repair attempt for real models). */
  | 'MODEL_OUTPUT_INVALID'
  /** The answer was cut at the output token limit (finish reason `length`). */
  | 'MODEL_OUTPUT_TRUNCATED'
  /** The model gave no answer at all. */
  | 'MODEL_OUTPUT_EMPTY'
  /** The model or its provider refused to answer (refusal, content filter). */
  | 'MODEL_REFUSED'
  /** The endpoint could not be reached or kept failing (5xx, connection reset) after the retries. */
  | 'MODEL_UNAVAILABLE'
  /** The endpoint kept answering 429 after the retries. */
  | 'MODEL_RATE_LIMITED'
  /** No answer within the per-call timeout, on every attempt. */
  | 'MODEL_TIMEOUT'
  /** The caller's signal aborted the call. */
  | 'MODEL_ABORTED'
  /** The endpoint rejected the request (400, 401, 403, 404, …): retrying will not help. */
  | 'MODEL_REQUEST_REJECTED'
  /** A model spec cannot be used: unknown provider, missing API key or base URL. */
  | 'MODEL_CONFIG_INVALID'
  /** Replay mode found no recorded answer for a call. */
  | 'MODEL_REPLAY_MISS'
  | 'MODEL_TASK_UNSUPPORTED';

/** Raised when a model's answer does not fit the requested schema or the model cannot answer. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly code: ModelErrorCode;
  readonly isRetryable: boolean;

  constructor(
    code: ModelErrorCode,
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
