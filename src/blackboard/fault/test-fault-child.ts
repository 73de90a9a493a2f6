import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built child; the fault tests need `npm run build` first (as every end-to-end test does). */
export const FAULT_CHILD = fileURLToPath(new URL('../../../dist/test/fault/race-child.js', import.meta.url));

/** Fails loudly (never skips) when the child has not been built. */
export function assertFaultChildBuilt(): void {
  if (!existsSync(FAULT_CHILD)) throw new Error(`${FAULT_CHILD} is missing: run \`npm run build\` first`);
}

/** How a child ended. */
export interface ChildOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the fault child with `args`, optionally killing itself at a fault point. */
export function runFaultChild(args: readonly string[], killAt?: string): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    if (killAt === undefined) delete env.SWARMLORD_FAULT_KILL_AT;
    else env.SWARMLORD_FAULT_KILL_AT = killAt;
    const child = spawn(process.execPath, [FAULT_CHILD, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
