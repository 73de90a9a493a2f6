import { posix } from 'node:path';

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const INDEXES = ['/index.ts', '/index.tsx', '/index.js', '/index.mjs', '/index.cjs'];

/**
 * Resolves a relative import specifier of `fromPath` to a workspace file, the way TypeScript's
 * bundler resolution does for the common cases (`./x`, `./x.js` written for `./x.ts`, `./dir` with
 * an index). Package imports and unknown files resolve to undefined.
 */
export function resolveSpecifier(
  fromPath: string,
  specifier: string,
  paths: ReadonlySet<string>,
): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(fromPath), specifier));
  const stripped = base.replace(/\.(?:[cm]?js|jsx)$/, '');
  for (const candidate of [base, stripped]) {
    for (const extension of EXTENSIONS) if (paths.has(candidate + extension)) return candidate + extension;
    for (const index of INDEXES) if (paths.has(candidate + index)) return candidate + index;
  }
  return undefined;
}
