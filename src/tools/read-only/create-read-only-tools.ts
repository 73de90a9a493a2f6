import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { ReadOnlyTool } from '../read-only-tool.js';
import type { WorkspaceFile } from '../scan-workspace.js';
import { ToolError } from '../tool-error.js';
import type { WorkspaceIndex } from '../workspace-index.js';
import { createGitBlameTool } from './git-blame-tool.js';
import { createGitLogTool } from './git-log-tool.js';
import { mayBeInsideGitRepository } from './git-marker.js';
import { createGitRunner, isInsideGitWorkTree } from './git-runner.js';
import { createGitShowTool } from './git-show-tool.js';
import { createListFilesTool } from './list-files-tool.js';
import { createReadLinesTool } from './read-lines-tool.js';
import type { ReadOnlyToolContext } from './read-only-tool-context.js';
import { createSearchTool } from './search-tool.js';

/** Settings of {@link createReadOnlyTools}. */
export interface CreateReadOnlyToolsOptions {
  /** The workspace directory the files were scanned from. */
  workspace: string;
  /** `scanWorkspace(workspace)`: the files the tools list and read. */
  files: readonly WorkspaceFile[];
  /** `createWorkspaceIndex(files)`: what `search` queries. */
  index: WorkspaceIndex;
  /** Stops every call of these tools, e.g. when the mission is interrupted. */
  signal?: AbortSignal | undefined;
}

/**
 * The Observers' read-only built-in tools over one workspace snapshot: `list_files`,
 * `read_lines`, `search`, and — only when the workspace is inside a git work tree —
 * `git_log`, `git_show`, `git_blame`. Every excerpt they return carries a file ref that the
 * grounding resolver (`createGroundingResolver({ workspace })`) resolves.
 *
 * @example
 * const files = await scanWorkspace(workspace);
 * const tools = await createReadOnlyTools({ workspace, files, index: createWorkspaceIndex(files) });
 * const readLines = tools.find((tool) => tool.name === 'read_lines');
 * const { text, excerpts } = await readLines.run({ path: 'src/app.ts', start_line: 1, end_line: 40 }, {});
 */
export async function createReadOnlyTools(options: CreateReadOnlyToolsOptions): Promise<ReadOnlyTool[]> {
  let workspace: string;
  try {
    // Symlink-free, so a file's real path can be compared with it to catch escapes.
    workspace = await realpath(path.resolve(options.workspace));
  } catch (error) {
    throw new ToolError('TOOL_NOT_AVAILABLE', `workspace ${options.workspace} cannot be opened`, {
      cause: error,
    });
  }
  const base = {
    workspace,
    files: options.files,
    filePaths: new Set(options.files.map((file) => file.path)),
    index: options.index,
    signal: options.signal,
  };
  const git = createGitRunner({ workspace });
  // No `.git` or `HEAD` entry from here up to the root: git would say "not a repository", so
  // no process is started to hear it (decision 0053). Anything else is git's own answer.
  let inGitWorkTree = false;
  if (mayBeInsideGitRepository(workspace)) inGitWorkTree = await isInsideGitWorkTree(git, options.signal);
  else options.signal?.throwIfAborted();
  const context: ReadOnlyToolContext = inGitWorkTree ? { ...base, git } : base;
  const tools: ReadOnlyTool[] = [
    createListFilesTool(context),
    createReadLinesTool(context),
    createSearchTool(context),
  ];
  if (inGitWorkTree) {
    tools.push(
      createGitLogTool(context, git),
      createGitShowTool(context, git),
      createGitBlameTool(context, git),
    );
  }
  return tools;
}
