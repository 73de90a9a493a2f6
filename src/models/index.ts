export type { FakeModelOptions, FakeResponder } from './fake-model.js';
export { createFakeModel, echoResponder } from './fake-model.js';
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
  JudgeOutput,
  EngageOutput,
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
  JudgeOutputSchema,
  EngageOutputSchema,
  ObserveOutputSchema,
  ReactOutputSchema,
} from './model-tasks.js';
export { classifyCynefin } from './offline-cynefin.js';
export type { OfflineEngineOptions } from './offline-engine.js';
export { createOfflineEngine, OFFLINE_ENGINE_LABEL } from './offline-engine.js';
