import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A finished child process: its exit code and output. */
export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A package's script (e.g. `typescript/bin/tsc`) in the nearest `node_modules` above the project,
 * then above swarmlord's own install (a checkout has its dev tools), so `validate` uses the
 * project's versions when it has them. Files are looked up directly: packages' `exports` maps hide
 * their bin scripts from `require.resolve`.
 */
export function resolveToolScript(cwd: string, script: string): string | undefined {
  const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
  for (const start of [resolve(cwd), packageRoot]) {
    for (let dir = start; ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', script);
      if (existsSync(candidate)) return candidate;
      if (dirname(dir) === dir) break;
    }
  }
  return undefined;
}

/** Runs a Node script to completion; a non-zero exit is a result, not an error. */
export function runNodeScript(
  script: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<ToolRun> {
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [script, ...args],
      { cwd, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolvePromise({ code, stdout, stderr });
      },
    );
  });
}
