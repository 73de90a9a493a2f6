export { checkCommitId } from './check-commit-id.js';
export { checkWorkspacePath } from './check-workspace-path.js';
export type { CreateReadOnlyToolsOptions } from './create-read-only-tools.js';
export { createReadOnlyTools } from './create-read-only-tools.js';
export { MAX_LINES_PER_CALL } from './line-window.js';
