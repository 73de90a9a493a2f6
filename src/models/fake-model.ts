import { ModelError } from './model-error.js';
import type { ModelPort, ModelRequest, ModelResult } from './model-port.js';
import type { ShapeInput } from './model-tasks.js';

/** Answers one request; may be async. */
export type FakeResponder = (request: ModelRequest<unknown>) => unknown;

export interface FakeModelOptions {
  respond?: FakeResponder;
  /** Simulated latency per call in milliseconds (default 0: answer on the next microtask). */
  latencyMs?: number;
  modelId?: string;
}

/**
 * Minimal valid answers that echo the first context excerpt, so claims stay grounded. Used where a
 * test or benchmark is about orchestration, not about what a model says.
 */
export const echoResponder: FakeResponder = (request) => {
  switch (request.task) {
    case 'observe': {
      const excerpt = request.context[0];
      return {
        observations:
          excerpt === undefined
            ? []
            : [
                {
                  text: 'first excerpt',
                  evidence: [
                    excerpt.id === undefined
                      ? {
                          path: excerpt.ref.path,
                          start_line: excerpt.ref.lines[0],
                          end_line: excerpt.ref.lines[1],
                        }
                      : { ref_id: excerpt.id },
                  ],
                },
              ],
      };
    }
    case 'react':
      return { cynefin_domain: 'clear', rationale: 'fake', plan: ['respond'], tool_selections: [] };
    case 'engage':
      return { artifacts: [], metrics: [] };
    case 'claims': {
      const input = request.input as ShapeInput;
      return {
        summary: 'fake claims',
        claims: input.observations.map((observation) => ({
          text: observation.text,
          evidence: observation.evidence_refs.flatMap((cited) =>
            cited.kind === 'file'
              ? [{ path: cited.path, start_line: cited.lines[0], end_line: cited.lines[1] }]
              : [],
          ),
        })),
      };
    }
    case 'judge':
      return { verdict: 'pass', claims: [], reasons: ['fake judge'] };
    case 'clarify':
      return { questions: ['What is in scope?'] };
  }
};

/** A model behind the same port as the real ones, answering from a script. It counts its calls. */
export function createFakeModel(options: FakeModelOptions = {}): ModelPort & { readonly calls: number } {
  const respond = options.respond ?? echoResponder;
  let calls = 0;
  return {
    provider: 'fake',
    modelId: options.modelId ?? 'fake-model',
    label: 'fake model (scripted answers)',
    get calls() {
      return calls;
    },
    async generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>> {
      calls += 1;
      if (options.latencyMs !== undefined && options.latencyMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      }
      const answer = await respond(request as ModelRequest<unknown>);
      const parsed = request.schema.safeParse(answer);
      if (!parsed.success) {
        throw new ModelError(
          'MODEL_OUTPUT_INVALID',
          `fake model answer for ${request.task} does not fit the schema`,
          {
            cause: parsed.error,
          },
        );
      }
      return { object: parsed.data, usage: { inputTokens: 0, outputTokens: 0 } };
    },
  };
}
