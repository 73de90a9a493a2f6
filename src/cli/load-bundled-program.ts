import { fileURLToPath } from 'node:url';
import { codeCacheDir, currentRuntime } from './code-cache.js';
import { namedCommand } from './command-names.js';
import { runCachedScript } from './run-cached-script.js';
import type { runProgram } from './run-program.js';

/** The program bundle beside the entry (`scripts/bundle-cli.mjs` writes both). */
export const PROGRAM_BUNDLE = 'swarmlord-program.js';

/**
 * The CLI's program from its CommonJS bundle, compiled with V8's cached code of an earlier run of
 * the same command (decision 0049). When the cache was missing or rejected, the compiled code is
 * written as the process exits, whatever its exit code (a mission whose verdict is FAIL exits 1 and
 * is as worth caching), so what is stored holds the functions the command ran; a failing write
 * changes nothing.
 */
export async function loadProgram(args: readonly string[]): Promise<{ runProgram: typeof runProgram }> {
  const path = fileURLToPath(new URL(`./${PROGRAM_BUNDLE}`, import.meta.url));
  const loaded = runCachedScript(
    path,
    { dir: codeCacheDir(), label: namedCommand(args) ?? 'cli', runtime: currentRuntime() },
    // Resolved from this module's folder, which is the bundle's: as the bundle's own import would be.
    (specifier) => import(specifier),
  );
  if (loaded.state === 'missing' || loaded.state === 'rejected') {
    process.once('exit', () => {
      loaded.save();
    });
  }
  return loaded.exports as { runProgram: typeof runProgram };
}
