/** Where a command writes and what it knows of its terminal; injectable for tests. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where prompts read answers; absent: `process.stdin`. Only the CLI ever reads it. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * The process's own streams, directory and environment. `stdin` is read from `process` only when
 * asked for: Node builds the stdin stream (a socket on a pipe) on first access, which a scripted
 * command that never prompts (`--yes`, `--answers`, `--json` runs) need not pay for.
 */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    get stdin() {
      return process.stdin;
    },
    cwd: process.cwd(),
    env: process.env,
  };
}

/** True when a person can answer prompts: stdin and stderr (where prompts are drawn) are terminals. */
export function isInteractive(io: CliIo): boolean {
  return (io.stdin ?? process.stdin).isTTY === true && io.stderr.isTTY === true;
}

/** Colour only on a terminal and only when NO_COLOR is unset (https://no-color.org). */
export function useColor(io: CliIo): boolean {
  return io.stderr.isTTY === true && (io.env.NO_COLOR ?? '') === '' && io.env.TERM !== 'dumb';
}

/** Wraps text in an SGR colour code when colour is enabled. */
export function paint(enabled: boolean, code: number, text: string): string {
  return enabled ? `\u001b[${code}m${text}\u001b[0m` : text;
}
