/** Variables a build or test command needs to find its tools and print readable text; nothing else passes. */
const KEPT = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'SystemRoot', 'PATHEXT'];

/**
 * The environment an allowed command runs with: a fixed list of harmless variables copied from
 * `env`, plus `CI=1`, `NO_COLOR=1` and `TERM=dumb` so output is plain. API keys, tokens and every
 * provider variable are left out by construction, not by pattern.
 */
export function scrubEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const scrubbed: NodeJS.ProcessEnv = { CI: '1', NO_COLOR: '1', TERM: 'dumb' };
  for (const name of KEPT) {
    const value = env[name];
    if (value !== undefined) scrubbed[name] = value;
  }
  return scrubbed;
}
