import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ToolError } from '../tool-error.js';
import { checkWorkspacePath } from './check-workspace-path.js';
import type { ReadOnlyToolContext } from './read-only-tool-context.js';
import { suggestClosePaths } from './suggest-close-paths.js';

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function pathError(rawPath: string, reason: string): ToolError {
  return new ToolError('TOOL_PATH_INVALID', `path ${JSON.stringify(rawPath)} ${reason}`);
}

function missingPathError(context: ReadOnlyToolContext, rawPath: string, normalized: string): ToolError {
  const close = suggestClosePaths(normalized, [...context.filePaths]);
  const hint = close.length > 0 ? `; did you mean ${close.join(', ')}?` : '; use list_files to see the files';
  return pathError(rawPath, `does not exist in the workspace${hint}`);
}

/**
 * Reads a scanned workspace file as it is on disk now (the resolver reads the disk too, so the
 * hashes the tools compute are the ones it checks). Refuses what {@link checkWorkspacePath}
 * refuses, symlinks that resolve outside the workspace, and files the scan left out (hidden,
 * generated, binary, too large): those are where secrets and noise live, and the index never saw them.
 *
 * @throws {ToolError} `TOOL_PATH_INVALID` naming the path
 */
export async function readWorkspaceFile(
  context: ReadOnlyToolContext,
  rawPath: string,
): Promise<{ path: string; text: string }> {
  const normalized = checkWorkspacePath(rawPath);
  let target: string;
  try {
    target = await realpath(path.join(context.workspace, normalized));
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw missingPathError(context, rawPath, normalized);
    throw new ToolError('TOOL_FAILED', `path ${JSON.stringify(rawPath)} cannot be opened (${code})`, {
      cause: error,
    });
  }
  const fromRoot = path.relative(context.workspace, target);
  if (fromRoot === '..' || fromRoot.startsWith(`..${path.sep}`) || path.isAbsolute(fromRoot)) {
    throw pathError(rawPath, 'is a symlink that resolves outside the workspace');
  }
  if ((await stat(target)).isDirectory()) {
    throw pathError(rawPath, `is a folder; use list_files with under: "${normalized}"`);
  }
  const targetPath = fromRoot.split(path.sep).join('/');
  if (!context.filePaths.has(normalized) && !context.filePaths.has(targetPath)) {
    throw pathError(
      rawPath,
      'is not one of the scanned workspace files (hidden, generated, binary and very large files are not read); use list_files',
    );
  }
  try {
    return { path: normalized, text: await readFile(target, 'utf8') };
  } catch (error) {
    throw new ToolError(
      'TOOL_FAILED',
      `path ${JSON.stringify(rawPath)} cannot be read (${errorCode(error)})`,
      {
        cause: error,
      },
    );
  }
}
