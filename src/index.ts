/**
 * swarmlord's toolkit API: run verified missions from code, with the same core the CLI uses.
 *
 * @example
 * import { createIntent, createOfflineEngine, runMission } from 'swarmlord';
 * const intent = createIntent({ objective: 'Where are retries configured?', workspace: '.', lanes: 2 });
 * const { digest } = await runMission({ intent, cwd: process.cwd(), resolveModel: () => createOfflineEngine() });
 * console.log(digest.verdict, digest.bluf);
 */

// The schema library generated agents declare their port items with (the same instance as ours).
export { z } from 'zod';
export type { AuditResult, Blackboard, OpenBlackboardOptions } from './blackboard/index.js';
export {
  auditBlackboard,
  createBlackboardListener,
  openBlackboard,
  readBlackboard,
  redactSecrets,
} from './blackboard/index.js';
export type {
  AgentDefinition,
  AgentModelOptions,
  BehaviourCase,
  BehaviourOutcome,
  DefinedAgent,
} from './codegen/index.js';
// Generated agent modules (`swarmlord generate agent`) build on these: one import, no zod of their own.
export { defineAgent } from './codegen/index.js';
export type {
  AggregateBundle,
  Claim,
  Digest,
  EvidenceRef,
  FileEvidenceRef,
  MissionIntent,
  MissionIntentInput,
  ModelCallEnd,
  ResolvedLane,
  ReviewBundle,
  RunEvent,
  RunEventListener,
  RunEventType,
  ToolCallEnd,
  Verdict,
  VerifyReport,
} from './contracts/index.js';
export {
  DigestSchema,
  EvidenceRefSchema,
  MissionIntentSchema,
  ReceiptSchema,
  ReviewBundleSchema,
  VerifyReportSchema,
} from './contracts/index.js';
export { buildDigest, renderDigestMarkdown, writeDigest } from './digest/index.js';
export type { CreateIntentOptions } from './intent/index.js';
export {
  createIntent,
  IntentError,
  loadIntentFile,
  parseIntentYaml,
  writeIntentFile,
} from './intent/index.js';
export type {
  Citation,
  ContextExcerpt,
  ModelPort,
  ModelRequest,
  ModelResult,
  ModelTask,
  ModelTool,
  ModelUsage,
} from './models/index.js';
export {
  ClaimsOutputSchema,
  chooseModel,
  createFakeModel,
  createOfflineEngine,
  JudgeOutputSchema,
  ModelError,
  ObserveOutputSchema,
} from './models/index.js';
export type { AiSdkModelOptions, ModelFromSpecOptions } from './models/providers/index.js';
export {
  createAiSdkModel,
  createEndpointLimiters,
  createModelFromSpec,
  parseModelSpec,
} from './models/providers/index.js';
export type { MissionResult, RunMissionOptions } from './swarm/index.js';
export { MissionError, runMission } from './swarm/index.js';
export type { ReadOnlyTool, ToolOutput, WorkspaceIndex } from './tools/index.js';
export { createReadOnlyTools, createWorkspaceIndex, scanWorkspace } from './tools/index.js';
export type { Criterion, RunVerifyInput, Validator } from './verify/index.js';
export { createCriteriaValidator, createGroundingResolver, runVerify } from './verify/index.js';
