/**
 * The one spelling of a workspace-relative path that tools, the provenance ledger and the resolver share:
 * backslashes become `/`, `./` prefixes, `.` segments, repeated and trailing slashes go.
 * It only rewrites the spelling: `..` segments and absolute forms are kept, so that
 * {@link checkWorkspacePath} (or the resolver) can refuse them for what they are.
 *
 * @example
 * normalizeEvidencePath('.\\src\\app.ts'); // 'src/app.ts'
 * normalizeEvidencePath('./src//db/./pool.ts'); // 'src/db/pool.ts'
 */
export function normalizeEvidencePath(path: string): string {
  const slashed = path.trim().replaceAll('\\', '/');
  const absolute = slashed.startsWith('/');
  const segments = slashed.split('/').filter((segment) => segment !== '' && segment !== '.');
  return `${absolute ? '/' : ''}${segments.join('/')}`;
}
