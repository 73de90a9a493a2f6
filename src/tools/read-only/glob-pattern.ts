/** Whether `pattern` uses glob syntax (`*`, `?`) rather than being a plain substring. */
export function isGlobPattern(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/**
 * A matcher for a small glob dialect: `**` crosses folders, `*` and `?` stay within one.
 * A pattern without `/` matches file names in any folder (`*.ts`), as in most tools' globs.
 */
export function createGlobMatcher(pattern: string): (path: string) => boolean {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const character = pattern[index] as string;
    if (pattern.startsWith('**/', index)) {
      source += '(?:.*/)?';
      index += 2;
    } else if (pattern.startsWith('**', index)) {
      source += '.*';
      index += 1;
    } else if (character === '*') source += '[^/]*';
    else if (character === '?') source += '[^/]';
    else source += character.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const expression = new RegExp(`^${source}$`, 'i');
  const matchesName = !pattern.includes('/');
  return (path) => expression.test(matchesName ? path.slice(path.lastIndexOf('/') + 1) : path);
}
