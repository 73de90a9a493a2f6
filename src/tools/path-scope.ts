/** Which workspace paths a mission reads: its `scope.include` / `scope.exclude` globs. */
export interface PathScopeOptions {
  /** Globs of the paths to read; empty or absent: every path. */
  include?: readonly string[] | undefined;
  /** Globs of the paths to leave out. */
  exclude?: readonly string[] | undefined;
}

/** Answers "is this path in the mission's scope?" during a scan. */
export interface PathScope {
  /** False for a folder the scan need not enter (it is excluded as a whole). */
  entersFolder(path: string): boolean;
  /** True when a file is included (or nothing is) and not excluded. */
  includesFile(path: string): boolean;
  /** True when the scope restricts anything at all. */
  readonly restricted: boolean;
}

function escapeRegex(text: string): string {
  return text.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
}

/** A glob body as a regex: `**` any folders, `*` and `?` within one name, `{a,b}` alternatives. */
function globBody(glob: string): string {
  let out = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index] as string;
    if (char === '*' && glob[index + 1] === '*') {
      const slash = glob[index + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      index += slash ? 2 : 1;
    } else if (char === '*') out += '[^/]*';
    else if (char === '?') out += '[^/]';
    else if (char === '{') {
      const close = glob.indexOf('}', index);
      if (close === -1) out += '\\{';
      else {
        out += `(?:${glob
          .slice(index + 1, close)
          .split(',')
          .map((part) => globBody(part))
          .join('|')})`;
        index = close;
      }
    } else out += escapeRegex(char);
  }
  return out;
}

/**
 * Compiles one glob the way people write them in answers: `src/**` and `docs/` (a folder and
 * everything below), `*.ts` (a name at any depth, as in .gitignore, because a pattern without a
 * slash names files wherever they are), `./lib` (the leading `./` dropped).
 */
export function compileScopeGlob(glob: string): RegExp {
  let pattern = glob.trim().replace(/^\.\//, '').replace(/^\//, '');
  if (pattern.endsWith('/')) pattern = `${pattern}**`;
  const anywhere = !pattern.slice(0, -1).includes('/');
  // A folder named by a pattern also covers what it holds: `docs` leaves out `docs/a.md` too.
  return new RegExp(`^${anywhere ? '(?:.*/)?' : ''}${globBody(pattern)}(?:/.*)?$`);
}

/**
 * The scope of a scan. Exclusions win over inclusions. A folder is entered unless an exclusion
 * covers it whole; inclusions are checked on files only, because `src/**\/*.ts` says nothing
 * about which folders may hold such files.
 */
export function createPathScope(options: PathScopeOptions): PathScope {
  const include = (options.include ?? []).map(compileScopeGlob);
  const exclude = (options.exclude ?? []).map(compileScopeGlob);
  const excluded = (path: string) => exclude.some((regex) => regex.test(path));
  return {
    restricted: include.length > 0 || exclude.length > 0,
    // `test/**` covers the folder `test` itself: test it with its trailing slash.
    entersFolder: (path) => !excluded(`${path}/`),
    includesFile: (path) =>
      !excluded(path) && (include.length === 0 || include.some((regex) => regex.test(path))),
  };
}
