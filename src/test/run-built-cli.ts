import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The built CLI (`npm run build`), as end-to-end tests run it. */
export const BUILT_CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** The sample workspace shipped with the package. */
export const SAMPLE_WORKSPACE = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `swarmlord <args>` in `cwd` without colour, debug traces or a configured model; never throws. */
export function runBuiltCli(args: readonly string[], cwd: string, timeout = 120_000): Promise<CliOutcome> {
  return run(process.execPath, [BUILT_CLI, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', SWARMLORD_DEBUG: '', SWARMLORD_MODEL: '' },
    timeout,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: CliOutcome) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}
