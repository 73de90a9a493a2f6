import type { z } from 'zod';
import type { FileEvidenceRef } from '../contracts/index.js';

/** What a model is asked to do; the offline engine answers each task deterministically. */
export type ModelTask = 'observe' | 'react' | 'engage' | 'claims' | 'judge';

/** A workspace excerpt handed to the model, with the evidence ref that pins it. */
export interface ContextExcerpt {
  ref: FileEvidenceRef;
  /** The exact text of `ref.lines`. */
  text: string;
  /** Retrieval score (higher is more relevant). */
  score: number;
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
  signal?: AbortSignal;
}

export interface ModelUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ModelResult<T> {
  object: T;
  usage: ModelUsage;
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
  generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>>;
}
