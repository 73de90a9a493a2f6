/** Stable codes so the CLI and callers can react without parsing messages. */
export type BlackboardErrorCode =
  | 'BLACKBOARD_LOCKED'
  | 'BLACKBOARD_CORRUPT'
  | 'BLACKBOARD_CLOSED'
  | 'BLACKBOARD_INVALID_DRAFT'
  | 'BLACKBOARD_WRITE_FAILED'
  | 'BLACKBOARD_NOT_FOUND';

/** Raised by the blackboard store, reader and audit. */
export class BlackboardError extends Error {
  override readonly name = 'BlackboardError';
  readonly code: BlackboardErrorCode;
  /** The blackboard file the error is about. */
  readonly path: string;

  constructor(code: BlackboardErrorCode, path: string, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.path = path;
  }

  static isInstance(error: unknown): error is BlackboardError {
    return error instanceof Error && error.name === 'BlackboardError';
  }
}
