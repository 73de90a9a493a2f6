export type {
  CallCache,
  CallCacheEntry,
  CallCacheMode,
  CallCacheOptions,
  RecordedToolCall,
} from './call-cache/index.js';
export { callCacheKey, createCallCache, withCallCache } from './call-cache/index.js';
export type { ChooseModelInput, ModelChoice } from './choose-model.js';
export { chooseModel } from './choose-model.js';
export type { FakeModelOptions, FakeResponder } from './fake-model.js';
export { createFakeModel, echoResponder } from './fake-model.js';
export type { ModelErrorCode } from './model-error.js';
export { ModelError } from './model-error.js';
export type {
  ContextExcerpt,
  ModelCallScope,
  ModelPort,
  ModelRequest,
  ModelResponseInfo,
  ModelResult,
  ModelTask,
  ModelTool,
  ModelUsage,
} from './model-port.js';
export type {
  Citation,
  ClaimJudgement,
  ClaimsOutput,
  CriteriaJudgeOutput,
  EngageOutput,
  JudgeOutput,
  ObserveInput,
  ObserveOutput,
  ReactInput,
  ReactOutput,
  ShapeInput,
} from './model-tasks.js';
export {
  CitationSchema,
  ClaimJudgementSchema,
  ClaimsOutputSchema,
  CriteriaJudgeOutputSchema,
  EngageOutputSchema,
  JudgeOutputSchema,
  ObserveOutputSchema,
  ReactOutputSchema,
} from './model-tasks.js';
export { classifyCynefin } from './offline-cynefin.js';
export type { OfflineEngineOptions } from './offline-engine.js';
export { createOfflineEngine, OFFLINE_ENGINE_LABEL, withWorkspaceAnalysis } from './offline-engine.js';
export type {
  AiSdkModelOptions,
  ConcurrencyLimiter,
  EndpointCheck,
  EndpointLimiters,
  EndpointLimitersOptions,
  ModelEnvVariable,
  ModelFromSpecOptions,
  ModelProvider,
  ModelSpec,
  ProviderKind,
  ProviderSettings,
  RetryPolicy,
} from './providers/index.js';
export {
  BUILT_IN_PRICES,
  checkModelEndpoint,
  costOfUsage,
  createAiSdkModel,
  createEndpointLimiters,
  createModelFromSpec,
  DEFAULT_PROVIDER,
  findModelPrice,
  formatModelSpec,
  MODEL_ENV_VARIABLES,
  MODEL_PROVIDERS,
  parseModelSpec,
  resolveProviderSettings,
} from './providers/index.js';
