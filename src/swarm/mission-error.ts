/** A mission that cannot start or finish, with a stable code for the CLI. */
export class MissionError extends Error {
  override readonly name = 'MissionError';
  readonly code:
    | 'WORKSPACE_NOT_FOUND'
    | 'SSOT_INVALID'
    | 'VALIDATOR_NOT_FOUND'
    | 'BUDGET_EXHAUSTED'
    | 'MODEL_CONFIG_INVALID'
    | 'NOTHING_TO_RESUME'
    | 'SOFT_CAP_REACHED'
    | 'HARD_DEADLINE_REACHED'
    | 'LANE_SOFT_LIMIT';

  constructor(code: MissionError['code'], message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }

  static isInstance(error: unknown): error is MissionError {
    return error instanceof Error && error.name === 'MissionError';
  }
}
