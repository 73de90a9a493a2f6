import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The built CLI: end-to-end tests run it as a process (`npm run build` first). */
export const CLI_PATH = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

const run = promisify(execFile);

/** The environment of the test process without colour, debug or dashboard-token settings of the machine. */
export function testEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !name.startsWith('OTEL_') && name !== 'SWARMLORD_DASHBOARD_TOKEN' && name !== 'DATABASE_URL',
    ),
  );
  return { ...env, NO_COLOR: '1', SWARMLORD_DEBUG: '', ...extra };
}

/** Runs `swarmlord <args>` in `cwd` to completion. */
export async function runCli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return run(process.execPath, [CLI_PATH, ...args], { cwd, env: testEnv(env) });
}

/** A running `swarmlord serve`. */
export interface ServeProcess {
  url: string;
  stdout: () => string;
  stop(): Promise<void>;
}

/** Starts `swarmlord serve --port 0 …` in `cwd` and waits for the line naming its address. */
export async function startServe(
  cwd: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<ServeProcess> {
  const child: ChildProcess = spawn(process.execPath, [CLI_PATH, 'serve', '--port', '0', ...args], {
    cwd,
    env: testEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}${err}`)), 30_000);
    const check = () => {
      const found = /Dashboard: (http:\/\/\S+)/.exec(out)?.[1];
      if (found !== undefined) {
        clearTimeout(timer);
        resolveUrl(found);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}): ${out}${err}`));
    });
  });
  return {
    url,
    stdout: () => out,
    stop: () =>
      new Promise<void>((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
      }),
  };
}
