import {
  generateText,
  type LanguageModel,
  type LanguageModelUsage,
  type ModelMessage,
  NoObjectGeneratedError,
  NoOutputGeneratedError,
  Output,
  type StepResult,
  stepCountIs,
  type Tool,
} from 'ai';
import type { z } from 'zod';
import type { ModelUsage } from '../model-port.js';
import { LENIENT_PROVIDER_OPTIONS } from './language-model.js';

/** One `generateText` run (with its tool loop) and what came of it. */
export interface TurnOutcome<T> {
  /** The validated answer; undefined when `problem` says why there is none. */
  object?: T;
  problem?: string;
  text: string;
  finishReasons: string[];
  usage: ModelUsage;
  /** The assistant and tool messages of the run, for a repair turn to continue from. */
  responseMessages: ModelMessage[];
  responseId?: string;
  responseModelId?: string;
}

export interface TurnSettings<T> {
  model: LanguageModel;
  system: string;
  messages: ModelMessage[];
  schema: z.ZodType<T>;
  tools?: Record<string, Tool> | undefined;
  maxSteps: number;
  /** No tool calls at all (a repair turn answers from what it already has). */
  noTools?: boolean;
  maxOutputTokens?: number | undefined;
  signal: AbortSignal | undefined;
}

/** The port's usage from the SDK's (cached tokens are `inputTokenDetails.cacheReadTokens` in v6). */
export function toModelUsage(usage: LanguageModelUsage): ModelUsage {
  const cached = usage.inputTokenDetails?.cacheReadTokens;
  return {
    inputTokens: usage.inputTokens ?? 0,
    outputTokens: usage.outputTokens ?? 0,
    ...(cached === undefined ? {} : { cachedInputTokens: cached }),
  };
}

function outcomeOf<T>(
  finished: StepResult<Record<string, Tool>> & {
    steps: StepResult<Record<string, Tool>>[];
    totalUsage: LanguageModelUsage;
  },
  extra: { object?: T; problem?: string },
): TurnOutcome<T> {
  return {
    ...extra,
    text: finished.text,
    finishReasons: finished.steps.map((step) => step.finishReason),
    usage: toModelUsage(finished.totalUsage),
    responseMessages: finished.response.messages,
    responseId: finished.response.id,
    responseModelId: finished.response.modelId,
  };
}

function describeProblem(error: NoObjectGeneratedError): string {
  const cause = error.cause instanceof Error ? error.cause.message : String(error.cause ?? error.message);
  const kind = error.message.includes('could not parse') ? 'is not valid JSON' : 'does not match the schema';
  return `the answer ${kind}: ${cause.length > 600 ? `${cause.slice(0, 600)}…` : cause}`;
}

/**
 * Runs one structured generation through the SDK: `Output.object` against the request's schema and,
 * with tools, the tool loop bounded at `maxSteps` (the last step may not call tools, so the loop
 * always ends in an answer). A bad answer is returned as a `problem`, not thrown, so the caller can
 * repair it.
 */
export async function runStructuredTurn<T>(settings: TurnSettings<T>): Promise<TurnOutcome<T>> {
  type Finished = Parameters<NonNullable<Parameters<typeof generateText>[0]['onFinish']>>[0];
  let finished: Finished | undefined;
  const lastStep = settings.maxSteps - 1;
  try {
    const result = await generateText({
      model: settings.model,
      system: settings.system,
      messages: settings.messages,
      output: Output.object({ schema: settings.schema }),
      ...(settings.tools === undefined ? {} : { tools: settings.tools }),
      stopWhen: stepCountIs(settings.maxSteps),
      prepareStep: ({ stepNumber }) =>
        settings.tools !== undefined && (settings.noTools === true || stepNumber >= lastStep)
          ? { toolChoice: 'none' }
          : undefined,
      ...(settings.maxOutputTokens === undefined ? {} : { maxOutputTokens: settings.maxOutputTokens }),
      ...(settings.signal === undefined ? {} : { abortSignal: settings.signal }),
      // Retries happen per HTTP request in our fetch, where attempts are counted.
      maxRetries: 0,
      providerOptions: LENIENT_PROVIDER_OPTIONS,
      onFinish: (event) => {
        finished = event;
      },
    });
    if (finished === undefined) throw new Error('generateText finished without its finish event');
    return outcomeOf(finished, { object: result.output as T });
  } catch (error) {
    if (finished !== undefined && NoObjectGeneratedError.isInstance(error)) {
      return outcomeOf(finished, { problem: describeProblem(error) });
    }
    if (finished !== undefined && NoOutputGeneratedError.isInstance(error)) {
      return outcomeOf(finished, { problem: 'the model gave no answer' });
    }
    throw error;
  }
}
