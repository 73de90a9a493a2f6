/** Raised when a trace file cannot be found or read; `problems` name the file and field. */
export class TelemetryError extends Error {
  override readonly name = 'TelemetryError';
  readonly code: 'TRACE_NOT_FOUND' | 'TRACE_FILE_INVALID';
  readonly isRetryable = false;
  /** One line per problem, `file: field: message`; the CLI prints them as bad input (exit 2). */
  readonly problems: string[];

  constructor(code: TelemetryError['code'], problems: string[], options: { cause?: unknown } = {}) {
    super(problems.join('\n'), { cause: options.cause });
    this.code = code;
    this.problems = problems;
  }

  static isInstance(error: unknown): error is TelemetryError {
    return error instanceof Error && error.name === 'TelemetryError';
  }
}
