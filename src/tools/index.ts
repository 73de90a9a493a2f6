export type { ScanOptions, WorkspaceFile } from './scan-workspace.js';
export { scanWorkspace } from './scan-workspace.js';
export type { SearchOptions, WorkspaceIndex, WorkspaceIndexOptions } from './workspace-index.js';
export { createWorkspaceIndex } from './workspace-index.js';
export type { ReadOnlyTool, ToolOutput } from './read-only-tool.js';
export { ToolError } from './tool-error.js';
