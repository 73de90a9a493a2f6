export { applyGuardrails } from './apply-guardrails.js';
export { isToolAuthorized } from './authorize-tool.js';
export { defaultExecutionPolicy } from './default-policy.js';
export type {
  AllowedCommand,
  Charter,
  EffectivePolicy,
  ExecutionPolicy,
  Guardrails,
  McpServerPolicy,
  PolicySource,
} from './execution-policy.js';
export { CharterSchema } from './execution-policy.js';
export type { CharterBlock } from './find-charter-block.js';
export { findCharterBlock } from './find-charter-block.js';
export type { ConcurrencyGate } from './limit-model-concurrency.js';
export { createConcurrencyGate, limitModelConcurrency } from './limit-model-concurrency.js';
export { CHARTER_FILE, loadExecutionPolicy, parseExecutionPolicy } from './load-execution-policy.js';
export type { PolicyProblem } from './policy-error.js';
export { formatPolicyProblem, PolicyError } from './policy-error.js';
export { renderEffectivePolicy } from './render-effective-policy.js';
