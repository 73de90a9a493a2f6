export type { CreateReadOnlyToolsOptions } from './read-only/index.js';
export {
  checkCommitId,
  checkWorkspacePath,
  createReadOnlyTools,
  MAX_LINES_PER_CALL,
  normalizeWorkspacePath,
} from './read-only/index.js';
export type { ReadOnlyTool, ToolOutput } from './read-only-tool.js';
export type { ScanOptions, WorkspaceFile } from './scan-workspace.js';
export { scanWorkspace } from './scan-workspace.js';
export { ToolError } from './tool-error.js';
export type { SearchOptions, WorkspaceIndex, WorkspaceIndexOptions } from './workspace-index.js';
export { createWorkspaceIndex } from './workspace-index.js';
