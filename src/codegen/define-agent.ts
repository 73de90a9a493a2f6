import type { z } from 'zod';
import { createCallCache, withCallCache } from '../models/call-cache/index.js';
import type { ModelPort } from '../models/index.js';
import { ModelError } from '../models/index.js';
import { createModelFromSpec, parseModelSpec } from '../models/providers/index.js';
import type { RoleInstructions } from '../roles/index.js';
import { defaultRoleInstructions } from '../roles/index.js';
import type { Criterion, Validator } from '../verify/index.js';
import { createCriteriaValidator } from '../verify/index.js';

/** Environment variables, as `process.env` holds them. */
type Environment = Readonly<Record<string, string | undefined>>;

/** What a generated agent module states about its model element. */
export interface AgentDefinition<Input extends z.ZodType, Output extends z.ZodType> {
  /** The part def's simple name, e.g. `SecurityReviewerAgent`; validators and lanes use it. */
  name: string;
  qualifiedName: string;
  /** `SWARMLORD_MODEL_<ROLE>`: overrides `defaultModel`. */
  modelEnvKey: string;
  /** The `attribute model` of the element; absent: the offline engine. */
  defaultModel?: string;
  /** The system prompt, built from the element's doc and each requirement's doc. */
  instructions: string;
  /** Each requirement as a criterion its output is verified against. */
  requirements: readonly Criterion[];
  /** Schema of the item on the `input` port. */
  input: Input;
  /** Schema of the item on the `output` port. */
  output: Output;
}

/** One behaviour case of a requirement: an input and what the output must mention. */
export interface BehaviourCase {
  requirement: string;
  name: string;
  /** Handed to the agent as its input item (validated against `input`). */
  input: unknown;
  /** Texts the JSON of the output must contain (case-insensitive). */
  expectMentions: readonly string[];
}

/** The result of running a behaviour case. */
export type BehaviourOutcome =
  | { status: 'ran'; output: unknown; missing: string[] }
  | { status: 'needs-recording'; message: string };

/** Options of the model an agent runs on. */
export interface AgentModelOptions {
  env?: Environment;
  /** Record/replay through the call cache (`hfo_cache/model_calls` under the project). */
  cache?: { dir: string; mode: 'record' | 'replay' };
}

/** A generated agent on the toolkit API: its model, and the parts a mission needs to run it. */
export interface DefinedAgent<Input extends z.ZodType, Output extends z.ZodType>
  extends AgentDefinition<Input, Output> {
  /** The model spec: `SWARMLORD_MODEL_<ROLE>`, else the model attribute, else `offline`. */
  modelSpec(env?: Environment): string;
  /** The model port (keys checked now, as the CLI does before a mission starts). */
  createModel(options?: AgentModelOptions): ModelPort;
  /** The agent as a specialist validator: its requirements are the criteria. */
  createValidator(): Validator;
  /** What `runMission` takes to run the agent as a validator: validators + judges (models only). */
  asValidator(options?: AgentModelOptions): { validators: Validator[]; judges: Record<string, ModelPort> };
  /** Role instructions with this agent's instructions for `role` (a lane role, e.g. `shaper`). */
  asLaneRole(role: string, base?: RoleInstructions): RoleInstructions;
  /** Asks the model for the output item for `input`; the answer must satisfy `output`. */
  execute(
    input: z.input<Input>,
    options?: AgentModelOptions & { model?: ModelPort },
  ): Promise<z.output<Output>>;
  /** Runs one behaviour case; offline, or with no recording to replay, it says what it needs. */
  runBehaviourCase(behaviour: BehaviourCase, options?: AgentModelOptions): Promise<BehaviourOutcome>;
}

/** A port that has no model behind it: under replay only recorded answers are given, keyed on this id. */
function replayOnlyPort(spec: string): ModelPort {
  const parsed = parseModelSpec(spec);
  return {
    provider: parsed.provider,
    modelId: parsed.modelId,
    label: `${spec} (replay only)`,
    generate: () => Promise.reject(new ModelError('MODEL_REPLAY_MISS', `no recorded answer for ${spec}`)),
  };
}

/**
 * Turns a generated module's statement of its model element into an agent on the toolkit API. The
 * generated files stay declarative (data from the model); the behaviour lives here, tested once.
 *
 * @example
 * export const securityReviewerAgent = defineAgent({ name: 'SecurityReviewerAgent', ... });
 * const { validators, judges } = securityReviewerAgent.asValidator();
 * await runMission({ intent, cwd, validators, judges });
 */
export function defineAgent<Input extends z.ZodType, Output extends z.ZodType>(
  definition: AgentDefinition<Input, Output>,
): DefinedAgent<Input, Output> {
  const modelSpec = (env: Environment = process.env): string => {
    const fromEnv = env[definition.modelEnvKey]?.trim() ?? '';
    return fromEnv !== '' ? fromEnv : (definition.defaultModel ?? 'offline');
  };
  const createModel = (options: AgentModelOptions = {}): ModelPort => {
    const env = options.env ?? process.env;
    const spec = modelSpec(env);
    if (options.cache === undefined) return createModelFromSpec(spec, { env });
    const cache = createCallCache({ dir: options.cache.dir });
    const port = options.cache.mode === 'replay' ? replayOnlyPort(spec) : createModelFromSpec(spec, { env });
    return withCallCache(port, { cache, mode: options.cache.mode });
  };
  const createValidator = (): Validator =>
    createCriteriaValidator({ name: definition.name, criteria: definition.requirements });
  const execute = async (
    input: z.input<Input>,
    options: AgentModelOptions & { model?: ModelPort } = {},
  ): Promise<z.output<Output>> => {
    const model = options.model ?? createModel(options);
    const item = definition.input.parse(input);
    const result = await model.generate({
      task: 'engage',
      system: definition.instructions,
      prompt: `Do your work on this input and answer with your output item.\n${JSON.stringify(item)}`,
      context: [],
      input: item,
      schema: definition.output,
      scope: { role: definition.name },
    });
    return result.object as z.output<Output>;
  };
  return {
    ...definition,
    modelSpec,
    createModel,
    createValidator,
    asValidator: (options = {}) => {
      const spec = modelSpec(options.env ?? process.env);
      const judges: Record<string, ModelPort> = {};
      // The offline engine cannot judge criteria; the validator then reports them as not judged.
      if (spec !== 'offline') judges[definition.name] = createModel(options);
      return { validators: [createValidator()], judges };
    },
    asLaneRole:
      (role, base = defaultRoleInstructions) =>
      (asked) =>
        asked === role ? definition.instructions : base(asked),
    execute,
    runBehaviourCase: async (behaviour, options = {}) => {
      const spec = modelSpec(options.env ?? process.env);
      if (spec === 'offline') {
        return {
          status: 'needs-recording',
          message: `${definition.name} runs on the offline engine, which cannot execute "${behaviour.name}": set ${definition.modelEnvKey} to a model and record it (swarmlord validate --record)`,
        };
      }
      // `swarmlord validate --record` sets this so a replaying test records what it has not seen yet.
      const recording = (options.env ?? process.env).SWARMLORD_CALL_CACHE === 'record';
      const cache =
        options.cache === undefined || !recording
          ? options.cache
          : { ...options.cache, mode: 'record' as const };
      try {
        const output = await execute(behaviour.input as z.input<Input>, {
          ...options,
          ...(cache === undefined ? {} : { cache }),
        });
        const text = JSON.stringify(output).toLowerCase();
        const missing = behaviour.expectMentions.filter((mention) => !text.includes(mention.toLowerCase()));
        return { status: 'ran', output, missing };
      } catch (error) {
        if (ModelError.isInstance(error) && error.code === 'MODEL_REPLAY_MISS') {
          return {
            status: 'needs-recording',
            message: `no recording of "${behaviour.name}" for ${spec}: record it with a key set (swarmlord validate --record)`,
          };
        }
        throw error;
      }
    },
  };
}
