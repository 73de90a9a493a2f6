export type { GeneratedBehaviourCase } from './behaviour-cases.js';
export { exampleCases, writeModelCases } from './behaviour-cases.js';
export type { DriftFinding } from './check-drift.js';
export { checkDrift } from './check-drift.js';
export type { CodegenErrorCode } from './codegen-error.js';
export { CodegenError } from './codegen-error.js';
export {
  APPROVAL_JSON_PATH,
  APPROVAL_MARKDOWN_PATH,
  CODEGEN_DIR,
  GENERATED_FOLDERS,
  MANIFEST_PATH,
  RECEIPTS_PATH,
  VISION_LEDGER_PATH,
  VISION_PATH,
} from './codegen-paths.js';
export { commitGeneration, restoreGeneration } from './commit-generation.js';
export { contentHash } from './content-hash.js';
export type { DailyTodo, TodoItem } from './daily-todo.js';
export {
  addTodoItem,
  closeDailyTodo,
  completeTodoItem,
  isoDay,
  readDailyTodo,
  requireDailyTodo,
  startDailyTodo,
  TODO_DIR,
  todoPath,
  writeDailyTodo,
} from './daily-todo.js';
export type {
  AgentDefinition,
  AgentModelOptions,
  BehaviourCase,
  BehaviourOutcome,
  DefinedAgent,
} from './define-agent.js';
export { defineAgent } from './define-agent.js';
export type { GeneratedHeader } from './generated-header.js';
export { GENERATED_MARKER, readGeneratedHeader, stampGeneratedFile } from './generated-header.js';
export type { GenerationContext } from './generation-context.js';
export { loadGenerationContext } from './generation-context.js';
export type { GenerationManifest, ManifestEntry } from './generation-manifest.js';
export { readGenerationManifest } from './generation-manifest.js';
export type { GenerationRecord, MoltIndex, MoltProblem } from './molt-generation.js';
export {
  GENERATION_PATH,
  MOLT_DIR,
  moltGeneration,
  readGenerationRecord,
  verifyMolt,
} from './molt-generation.js';
export type {
  GenerationPlan,
  GenerationTarget,
  PlanGenerationOptions,
  PlannedFile,
} from './plan-generation.js';
export { GENERATION_TARGETS, planGeneration } from './plan-generation.js';
export { agentModulePath } from './render-agent-module.js';
export { agentTestPath } from './render-agent-test.js';
export type { ApprovalReport } from './run-validation.js';
export { renderApprovalMarkdown, runValidation, writeApprovalReport } from './run-validation.js';
export type { StatusMetric } from './ssot-status.js';
export { computeSsotStatus } from './ssot-status.js';
export type { TestRunSummary, ValidationVote } from './validation-checks.js';
export type { GenerationReceipt, StampedFile } from './write-generation.js';
export { readGenerationReceipts, stampPlan, writeGeneration } from './write-generation.js';
