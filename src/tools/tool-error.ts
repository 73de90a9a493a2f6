/** A tool call that cannot be answered (bad path, range, arguments): reported to the model, not thrown to the lane. */
export class ToolError extends Error {
  override readonly name = 'ToolError';
  readonly code: 'TOOL_INPUT_INVALID' | 'TOOL_PATH_INVALID' | 'TOOL_NOT_AVAILABLE' | 'TOOL_FAILED';

  constructor(code: ToolError['code'], message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }

  static isInstance(error: unknown): error is ToolError {
    return error instanceof Error && error.name === 'ToolError';
  }
}
