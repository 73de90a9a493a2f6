import { lstat, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { MissionIntent, Refusal } from '../contracts/index.js';
import { checkWorkspacePath, createPathScope, ToolError } from '../tools/index.js';

/** Paths Engage never writes, whatever the scope says: the policy itself and swarmlord's own records. */
const PROTECTED = [/^agents\.md$/i, /^hfo_[^/]*(\/|$)/i, /^\.swarmlord(\/|$)/i];

/** A path the envelope allows, or why not. */
export type WritePathCheck = { ok: true; path: string } | { ok: false; refusal: Refusal };

function refuse(path: string, reason: string): WritePathCheck {
  return { ok: false, refusal: { target: path, capability: `workspace_write:${path}`, reason } };
}

async function lstatOrUndefined(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The write half of the safety envelope, checked on the path a model proposed before anything is
 * read or written: inside the workspace (no `..`, no absolute path), not under `.git`, not a
 * protected file (`AGENTS.md`, `hfo_*`), inside the intent's write scope (`safety.write_scope`,
 * else the read scope), and reached through no symlink at all — so neither a symlinked folder
 * nor a symlinked file can carry the write outside.
 *
 * @param workspace absolute, symlink-free workspace directory
 */
export async function checkWritePath(
  workspace: string,
  intent: Pick<MissionIntent, 'scope' | 'safety'>,
  proposed: string,
): Promise<WritePathCheck> {
  let path: string;
  try {
    path = checkWorkspacePath(proposed);
  } catch (error) {
    if (ToolError.isInstance(error)) return refuse(proposed, error.message);
    throw error;
  }
  if (PROTECTED.some((pattern) => pattern.test(path))) {
    return refuse(path, 'is protected: Engage never writes the execution policy or swarmlord records');
  }
  const writeScope =
    intent.safety.write_scope.length > 0
      ? createPathScope({ include: intent.safety.write_scope })
      : createPathScope(intent.scope);
  if (!writeScope.includesFile(path)) {
    const globs = intent.safety.write_scope.length > 0 ? intent.safety.write_scope : intent.scope.include;
    return refuse(
      path,
      `is outside the intent's write scope (${globs.length > 0 ? globs.join(', ') : 'the read scope'})`,
    );
  }
  // Every existing component must be a plain folder or file: a symlink anywhere could point outside.
  let current = workspace;
  for (const segment of path.split('/')) {
    current = join(current, segment);
    const info = await lstatOrUndefined(current);
    if (info === undefined) break;
    if (info.isSymbolicLink())
      return refuse(path, `goes through the symlink ${current.slice(workspace.length + 1)}`);
  }
  const target = await lstatOrUndefined(join(workspace, path));
  if (target !== undefined && !target.isFile()) return refuse(path, 'is not a regular file');
  // Belt and braces: the real path of what exists must still be inside the workspace.
  if (target !== undefined) {
    const real = await realpath(join(workspace, path));
    if (!real.startsWith(workspace + sep)) return refuse(path, 'resolves outside the workspace');
  }
  return { ok: true, path };
}
