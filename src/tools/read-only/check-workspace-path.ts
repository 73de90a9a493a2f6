import { normalizeEvidencePath } from '../../contracts/index.js';
import { ToolError } from '../tool-error.js';

/**
 * Normalises `path` and refuses the forms that could leave the workspace or reach git's own
 * files, before anything touches the disk: a forged `../../etc/passwd` is refused for what it is,
 * not for whether it exists. Symlinks are checked later, where the file is opened.
 *
 * @returns the normalised workspace-relative path
 * @throws {ToolError} `TOOL_PATH_INVALID` naming the path
 */
export function checkWorkspacePath(path: string, options: { allowRoot?: boolean } = {}): string {
  const normalized = normalizeEvidencePath(path);
  const refuse = (reason: string): never => {
    throw new ToolError('TOOL_PATH_INVALID', `path ${JSON.stringify(path)} ${reason}`);
  };
  if (path.includes('\0')) refuse('contains a NUL character');
  if (normalized.startsWith('/') || /^[A-Za-z]:/.test(normalized)) {
    refuse('is absolute; give a path relative to the workspace root, e.g. src/app.ts');
  }
  const segments = normalized === '' ? [] : normalized.split('/');
  if (segments.includes('..')) refuse('leaves the workspace (.. segment)');
  // Case-insensitive: on macOS and Windows `.GIT/config` is the same file as `.git/config`.
  if (segments.some((segment) => segment.toLowerCase() === '.git')) {
    refuse("is inside git's own .git folder, which tools do not read");
  }
  if (normalized === '' && options.allowRoot !== true) refuse('names no file');
  return normalized;
}
