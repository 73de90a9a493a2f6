/**
 * The CLI's program, as `tsc` lays it out: the modules imported from `dist/`. The build's bundle
 * step (`scripts/bundle-cli.mjs`) links `load-bundled-program.ts` here instead (decision 0049).
 */
export async function loadProgram(_args: readonly string[]): Promise<typeof import('./run-program.js')> {
  return import('./run-program.js');
}
