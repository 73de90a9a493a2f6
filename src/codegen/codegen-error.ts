/** Stable codes so the CLI and callers can react without parsing messages. */
export type CodegenErrorCode =
  | 'CODEGEN_MODEL_INVALID'
  | 'CODEGEN_UNKNOWN_TARGET'
  | 'MOLT_INVALID'
  | 'TODO_INVALID'
  | 'VALIDATE_TOOL_MISSING';

/** Raised when generation, validation, molting or the daily ritual cannot proceed. */
export class CodegenError extends Error {
  override readonly name = 'CodegenError';
  readonly code: CodegenErrorCode;
  readonly isRetryable = false;

  constructor(code: CodegenErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }

  static isInstance(error: unknown): error is CodegenError {
    return error instanceof Error && error.name === 'CodegenError';
  }
}
