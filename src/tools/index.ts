export type { ScanOptions, WorkspaceFile } from './scan-workspace.js';
export { scanWorkspace } from './scan-workspace.js';
export type { SearchOptions, WorkspaceIndex, WorkspaceIndexOptions } from './workspace-index.js';
export { createWorkspaceIndex } from './workspace-index.js';
