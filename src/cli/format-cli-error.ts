/** Known errors carry a `code` and a message written for people; anything else is a bug. */
function isKnownError(error: unknown): error is Error & { code: string; problems?: unknown } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * One clear message for the terminal, never a stack trace unless SWARMLORD_DEBUG is set.
 * Returns the text and the exit code (2 for bad input, 1 otherwise).
 */
export function formatCliError(error: unknown, env: NodeJS.ProcessEnv): { text: string; exitCode: number } {
  const debug = (env.SWARMLORD_DEBUG ?? '') !== '';
  if (isKnownError(error)) {
    // Problems already name file:line:col and the field: print them as they are, one per line.
    if (Array.isArray(error.problems) && error.problems.length > 0) {
      return { text: `${error.message}\n`, exitCode: 2 };
    }
    const badInput =
      /^(INTENT_|WORKSPACE_|VALIDATOR_|SSOT_|ENOENT|MODEL_CONFIG_INVALID|MODEL_SPEC_INVALID|STORE_|DB_)/.test(
        error.code,
      );
    const trace = debug && error.stack ? `\n${error.stack}` : '';
    return { text: `swarmlord: ${error.message}${trace}\n`, exitCode: badInput ? 2 : 1 };
  }
  const message = error instanceof Error ? error.message : String(error);
  const hint =
    debug && error instanceof Error ? `\n${error.stack}` : '\n(set SWARMLORD_DEBUG=1 for the stack trace)';
  return { text: `swarmlord: unexpected error: ${message}${hint}\n`, exitCode: 1 };
}
