import type { z } from 'zod';
import type { FileEvidenceRef } from '../contracts/index.js';

/** What a model is asked to do; the offline engine answers each task deterministically. */
export type ModelTask = 'observe' | 'react' | 'engage' | 'claims' | 'judge' | 'clarify';

/** A workspace excerpt handed to the model, with the evidence ref that pins it. */
export interface ContextExcerpt {
  ref: FileEvidenceRef;
  /** The exact text of `ref.lines`. */
  text: string;
  /** Retrieval score (higher is more relevant). */
  score: number;
  /**
   * The id the model cites this excerpt by (`E1`, `E2`, …), assigned by the lane's provenance
   * ledger when the excerpt is handed to the model. Absent outside a lane.
   */
  id?: string;
}

/**
 * A tool the model may call during one request (the AI SDK's tool loop). The core builds these
 * around its own tools so that every call is recorded and every excerpt a tool returns is entered
 * in the lane's provenance ledger before the model sees it.
 */
export interface ModelTool {
  name: string;
  description: string;
  /** The arguments the model must send, validated before `execute` runs. */
  inputSchema: z.ZodType<unknown>;
  /** Runs the tool; the string is what the model reads. Throws only for a failure to report to the model. */
  execute(input: unknown, options: { signal?: AbortSignal | undefined }): Promise<string>;
}

/** Who is asking: used for accounting, receipts, traces and per-role models. */
export interface ModelCallScope {
  /** `swarmlord` for the orchestrator's own calls (clarification), else the lane id. */
  lane_id?: string;
  attempt?: number;
  phase?: string;
  /** The OBSIDIAN role or validator name making the call. */
  role?: string;
}

/**
 * One structured generation request. Real providers render `system`, `prompt` and `context` into
 * messages and validate their JSON answer against `schema`; the offline engine reads `context`
 * and `input` directly.
 */
export interface ModelRequest<T> {
  task: ModelTask;
  /** The role's instructions (from the SSOT). */
  system: string;
  prompt: string;
  context: readonly ContextExcerpt[];
  /** Task-specific structured input (e.g. observations for `claims`). */
  input?: unknown;
  /** The shape the answer must have. */
  schema: z.ZodType<T>;
  /** Tools the model may call before it answers (only adapters that support tools use them). */
  tools?: readonly ModelTool[];
  /** Most tool-loop steps (model turns) before the model must answer (default set by the adapter). */
  maxSteps?: number;
  /** Longest answer in tokens; an answer cut at this length is an error, never a partial object. */
  maxOutputTokens?: number;
  scope?: ModelCallScope;
  signal?: AbortSignal;
}

export interface ModelUsage {
  /** Prompt tokens, including cached ones. */
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens the provider served from its cache (a subset of `inputTokens`). */
  cachedInputTokens?: number;
}

/** What the provider said about its answer (for receipts and traces). */
export interface ModelResponseInfo {
  /** The provider's response id. */
  id?: string;
  /** The model that actually answered (may differ from the requested id). */
  modelId?: string;
  /** One finish reason per step (`stop`, `tool-calls`, `length`, …). */
  finishReasons?: string[];
  /** `hit` when the answer came from the call cache (no request was sent). */
  cache?: 'hit' | 'miss' | 'off';
  /** Attempts it took (1 + retries). */
  attempts?: number;
}

export interface ModelResult<T> {
  object: T;
  usage: ModelUsage;
  /** Cost in US dollars from the adapter's price table; undefined when the model has no price. */
  costUsd?: number;
  response?: ModelResponseInfo;
}

/**
 * The model port: every model adapter (offline engine, AI SDK providers, the test fake) implements it.
 * Adapters are created by factories taking settings.
 */
export interface ModelPort {
  /** e.g. `offline`, `openai`, `fake`. */
  readonly provider: string;
  readonly modelId: string;
  /** A human label for digests, e.g. `offline engine (…)`. */
  readonly label: string;
  /** True when the adapter runs the tool loop with `request.tools` (real LLMs); false: it ignores them. */
  readonly supportsTools?: boolean;
  generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>>;
}
