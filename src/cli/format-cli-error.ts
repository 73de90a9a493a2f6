import { redactText } from '../blackboard/index.js';

/**
 * The exit codes of every command (README "Exit codes"), after sysexits.h where one fits: a script
 * tells a FAIL verdict from a refusal, a busy blackboard (retry) and a bug.
 */
export const EXIT = {
  ok: 0,
  /** A FAIL verdict, or a check that found a problem (audit, drift, db status). */
  fail: 1,
  /** Bad input: a file, flag or setting, named with file:line:col or the field. */
  badInput: 2,
  /** `swarmlord verify`: CAUTION. */
  caution: 3,
  /** EX_UNAVAILABLE: something the command needs failed (a model provider, the store, a tool). */
  unavailable: 69,
  /** EX_SOFTWARE: an internal error — a bug; SWARMLORD_DEBUG=1 shows the stack. */
  internal: 70,
  /** EX_IOERR: the disk refused the bytes (full, quota, read-only); the message names the file. */
  ioError: 74,
  /** EX_TEMPFAIL: busy or locked — another process held the blackboard or store past the bound. */
  busy: 75,
  /** Ctrl-C. */
  interrupted: 130,
} as const;

/** Known errors carry a `code` and a message written for people; anything else is a bug. */
function isKnownError(error: unknown): error is Error & { code: string; problems?: unknown; path?: unknown } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/** Codes of input the user can fix: the file, flag or setting named in the message. */
const BAD_INPUT =
  /^(INTENT_|WORKSPACE_|VALIDATOR_|SSOT_|ENOENT|MODEL_CONFIG_INVALID|MODEL_SPEC_INVALID|STORE_(?!BUSY|FAILED)|DB_|POLICY_|TRACE_|TODO_|CODEGEN_|ENGAGE_PLAN_INVALID|BLACKBOARD_NOT_FOUND)/;
/** Another process holds what this one needs: try again later (EX_TEMPFAIL). */
const BUSY = /^(BLACKBOARD_LOCKED|STORE_BUSY|EAGAIN|EBUSY)$/;
/** The machine refused the bytes: disk full, quota, read-only filesystem, device error (EX_IOERR). */
const IO = /^(ENOSPC|EDQUOT|EROFS|EIO|EFBIG)$/;

/** The system error code of an error or of one of its causes (`ENOSPC` under `BLACKBOARD_WRITE_FAILED`). */
function systemCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && IO.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A system error's message names its file when Node knows it and the message does not already. */
function withPath(error: Error & { path?: unknown }): string {
  const path = typeof error.path === 'string' ? error.path : undefined;
  return path === undefined || error.message.includes(path) ? error.message : `${path}: ${error.message}`;
}

/**
 * One clear message for the terminal, never a stack trace unless SWARMLORD_DEBUG is set, with
 * every secret redacted (messages quote inputs). Returns the text and the exit code: 2 bad input,
 * 75 busy or locked, 74 an I/O failure (disk full), 69 a known failure of something the command
 * needs (a model, the store, a tool), 70 an internal error (a bug). 1 is a FAIL verdict or a failed
 * check, which commands set themselves.
 */
export function formatCliError(error: unknown, env: NodeJS.ProcessEnv): { text: string; exitCode: number } {
  const { text, exitCode } = describe(error, env);
  return { text: redactText(text, env), exitCode };
}

function describe(error: unknown, env: NodeJS.ProcessEnv): { text: string; exitCode: number } {
  const debug = (env.SWARMLORD_DEBUG ?? '') !== '';
  if (isKnownError(error)) {
    // Problems already name file:line:col and the field: print them as they are, one per line.
    if (Array.isArray(error.problems) && error.problems.length > 0) {
      return { text: `${error.message}\n`, exitCode: EXIT.badInput };
    }
    const trace = debug && error.stack ? `\n${error.stack}` : '';
    const text = `swarmlord: ${withPath(error)}${trace}\n`;
    if (BUSY.test(error.code)) return { text, exitCode: EXIT.busy };
    if (systemCode(error) !== undefined) return { text, exitCode: EXIT.ioError };
    if (BAD_INPUT.test(error.code)) return { text, exitCode: EXIT.badInput };
    // A system error Node raised (EACCES, ENOTDIR, …) that no writer wrapped is still unexpected.
    if (/^E[A-Z]+$/.test(error.code)) return { text, exitCode: EXIT.internal };
    return { text, exitCode: EXIT.unavailable };
  }
  const message = error instanceof Error ? error.message : String(error);
  const hint =
    debug && error instanceof Error ? `\n${error.stack}` : '\n(set SWARMLORD_DEBUG=1 for the stack trace)';
  return { text: `swarmlord: unexpected error: ${message}${hint}\n`, exitCode: EXIT.internal };
}
