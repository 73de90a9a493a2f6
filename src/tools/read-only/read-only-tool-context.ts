import type { WorkspaceFile } from '../scan-workspace.js';
import type { WorkspaceIndex } from '../workspace-index.js';
import type { GitRunner } from './git-runner.js';

/** What the read-only tools share: one workspace snapshot, built once per lane set. */
export interface ReadOnlyToolContext {
  /** Absolute, symlink-free workspace directory. */
  readonly workspace: string;
  /** The scanned files; only these are listed and read, so tools see what the index sees. */
  readonly files: readonly WorkspaceFile[];
  readonly filePaths: ReadonlySet<string>;
  readonly index: WorkspaceIndex;
  /** Present only when the workspace is inside a git work tree. */
  readonly git?: GitRunner | undefined;
  /** Aborts every call of these tools (e.g. the mission was interrupted). */
  readonly signal?: AbortSignal | undefined;
}
