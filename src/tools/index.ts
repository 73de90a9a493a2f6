export { fileContentHash } from './file-content-hash.js';
export { createGitignoreMatcher, type GitignoreMatcher } from './gitignore-matcher.js';
export type { PathScope, PathScopeOptions } from './path-scope.js';
export { compileScopeGlob, createPathScope } from './path-scope.js';
export type { CreateReadOnlyToolsOptions } from './read-only/index.js';
export {
  checkCommitId,
  checkWorkspacePath,
  createReadOnlyTools,
  MAX_LINES_PER_CALL,
} from './read-only/index.js';
export type { ReadOnlyTool, ToolOutput } from './read-only-tool.js';
export type { ScanReport, SkipCount, SkipReason } from './scan-report.js';
export { describeScanReport, SKIP_REASON_TEXT } from './scan-report.js';
export type { ScanOptions, ScanProgress, WorkspaceFile, WorkspaceScan } from './scan-workspace.js';
export { DEFAULT_MAX_TOTAL_BYTES, scanWorkspace, scanWorkspaceWithReport } from './scan-workspace.js';
export { ToolError } from './tool-error.js';
export type { SearchOptions, WorkspaceIndex, WorkspaceIndexOptions } from './workspace-index.js';
export { createWorkspaceIndex } from './workspace-index.js';
export type { CachedIndex, CachedIndexOptions } from './workspace-index-cache.js';
export { loadOrBuildWorkspaceIndex } from './workspace-index-cache.js';
