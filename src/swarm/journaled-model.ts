import { redactSecrets } from '../blackboard/index.js';
import type { DurableJournal, StepId } from '../durable/index.js';
import type { ModelPort, ModelRequest, ModelResult, ModelTool, RecordedToolCall } from '../models/index.js';
import { callCacheKey, ModelError } from '../models/index.js';

const ignore = (): void => undefined;

export interface JournaledModelOptions {
  journal: DurableJournal;
  /** The id of the call being made (read when `generate` is called: the metered model has just counted it). */
  stepOf: () => StepId;
  /** Told when a journaled call's request is no longer the same (the workspace changed): it runs again. */
  onDiverged?: (step: StepId) => void;
  /**
   * Given, a new call's journal entry is written under what the lane does next instead of before its
   * answer is returned: `hold` gets the write, and the lane waits for it before its next step counts
   * (decision 0064). Absent, the answer is returned once its entry is durable.
   */
  hold?: (written: Promise<void>) => void;
}

interface ModelCallRecord {
  result: ModelResult<unknown>;
  toolCalls: RecordedToolCall[];
}

/**
 * A model call as a durable step: a call the journal holds (same id, same request) is answered from
 * it — no request, nothing paid twice — after its tool calls are run again, as the call cache does:
 * the tools are local and read-only, and running them re-enters their excerpts into the lane's
 * ledger so the answer's citations pin as they did. A call not journaled runs and is recorded before
 * its answer is returned, or, with `hold`, while the lane goes on: its next step counts only once
 * the entry is durable, so no step is accepted on an answer a crash could lose (decision 0064).
 */
export function createJournaledModel(model: ModelPort, options: JournaledModelOptions): ModelPort {
  const { journal } = options;
  return {
    provider: model.provider,
    modelId: model.modelId,
    label: model.label,
    ...(model.supportsTools === undefined ? {} : { supportsTools: model.supportsTools }),
    async generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>> {
      const step = options.stepOf();
      const key = callCacheKey(model, request as ModelRequest<unknown>);
      const found = await journal.get(step);
      if (found !== undefined && found.inputKey === key) {
        request.signal?.throwIfAborted();
        const record = found.value as ModelCallRecord;
        for (const call of record.toolCalls) {
          const tool = request.tools?.find((candidate) => candidate.name === call.name);
          await tool?.execute(call.input, { signal: request.signal }).catch(() => undefined);
        }
        const parsed = request.schema.safeParse(record.result.object);
        if (parsed.success) {
          return {
            ...record.result,
            object: parsed.data,
            response: { ...record.result.response, cache: 'hit' },
          };
        }
        throw new ModelError(
          'MODEL_OUTPUT_INVALID',
          `journaled answer of ${found.id} no longer fits the schema`,
          {
            cause: parsed.error,
          },
        );
      }
      if (found !== undefined) options.onDiverged?.(step);
      const toolCalls: RecordedToolCall[] = [];
      const tools = request.tools?.map(
        (tool): ModelTool => ({
          ...tool,
          execute: (input, callOptions) => {
            toolCalls.push({ name: tool.name, input });
            return tool.execute(input, callOptions);
          },
        }),
      );
      const result = await model.generate(tools === undefined ? request : { ...request, tools });
      const value: ModelCallRecord = { result: result as ModelResult<unknown>, toolCalls };
      const written = journal.put({ step, kind: 'model-call', inputKey: key, value: redactSecrets(value) });
      if (options.hold === undefined) await written;
      else options.hold(written.then(ignore));
      return result;
    },
  };
}
