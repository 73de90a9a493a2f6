/** One `.gitignore` line compiled: the folder it was read in, the pattern as a regex, and its flags. */
interface GitignoreRule {
  base: string;
  regex: RegExp;
  negated: boolean;
  directoryOnly: boolean;
}

/** Answers "does git ignore this path?" for the rules read so far (root first, then nested files). */
export interface GitignoreMatcher {
  /** Reads the rules of a `.gitignore` found in `directory` (workspace-relative, `''` for the root). */
  add(directory: string, text: string): void;
  ignores(path: string, isDirectory: boolean): boolean;
  readonly ruleCount: number;
}

function globToRegex(glob: string): string {
  let out = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index] as string;
    if (char === '*') {
      if (glob[index + 1] === '*') {
        // `**/` matches any number of folders (including none); a trailing `**` matches everything below.
        const slash = glob[index + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        index += slash ? 2 : 1;
      } else out += '[^/]*';
    } else if (char === '?') out += '[^/]';
    else if (char === '[') {
      const close = glob.indexOf(']', index + 1);
      if (close === -1) out += '\\[';
      else {
        out += `[${glob
          .slice(index + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        index = close;
      }
    } else if (char === '\\' && index + 1 < glob.length) {
      out += (glob[index + 1] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      index += 1;
    } else out += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return out;
}

function compile(base: string, line: string): GitignoreRule | undefined {
  let pattern = line.replace(/(?<!\\)\s+$/, '');
  if (pattern === '' || pattern.startsWith('#')) return undefined;
  const negated = pattern.startsWith('!');
  if (negated) pattern = pattern.slice(1);
  const directoryOnly = pattern.endsWith('/');
  if (directoryOnly) pattern = pattern.slice(0, -1);
  // A pattern with a slash before its end is anchored to its .gitignore's folder; otherwise it matches at any depth.
  const anchored = pattern.includes('/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  if (pattern === '') return undefined;
  const body = globToRegex(pattern);
  const regex = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}(?:/.*)?$`);
  return { base, regex, negated, directoryOnly };
}

/**
 * A `.gitignore` matcher covering what repositories use: comments, `!` negation, `/` anchoring,
 * trailing `/` for folders, `*`, `?`, `[…]` and `**`. Later rules win, as in git. (Git's rule that a
 * file cannot be re-included below an ignored folder holds because ignored folders are never entered.)
 */
export function createGitignoreMatcher(): GitignoreMatcher {
  const rules: GitignoreRule[] = [];
  return {
    add(directory, text) {
      for (const line of text.split(/\r?\n/)) {
        const rule = compile(directory, line);
        if (rule !== undefined) rules.push(rule);
      }
    },
    ignores(path, isDirectory) {
      let ignored = false;
      for (const rule of rules) {
        if (rule.base !== '' && !path.startsWith(`${rule.base}/`)) continue;
        const relative = rule.base === '' ? path : path.slice(rule.base.length + 1);
        // Files below an ignored folder are never asked about (the scan does not enter it), so a
        // folder-only rule needs to match folders only.
        if (rule.directoryOnly && !isDirectory) continue;
        if (rule.regex.test(relative)) ignored = !rule.negated;
      }
      return ignored;
    },
    get ruleCount() {
      return rules.length;
    },
  };
}
