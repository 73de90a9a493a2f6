import { join } from 'node:path';
import type { MissionIntent, ResolvedLane } from '../contracts/index.js';
import { resolveLanes } from '../contracts/index.js';
import type { CallCacheMode } from '../models/call-cache/index.js';
import { createCallCache, withCallCache } from '../models/call-cache/index.js';
import type { ModelPort } from '../models/index.js';
import { chooseModel, ModelError } from '../models/index.js';
import type { EndpointLimiters } from '../models/providers/index.js';
import { createEndpointLimiters, createModelFromSpec } from '../models/providers/index.js';
import type { AgentRegistry } from '../ssot/agent-registry.js';
import { modelEnvKey } from '../ssot/model-env-key.js';

/** The roles of a lane, one per PREY phase. */
export const LANE_ROLES = ['observer', 'bridger', 'shaper', 'assimilator'] as const;

/** Where the model-call cache lives, under the working directory. */
export const CALL_CACHE_DIR = join('hfo_cache', 'model_calls');

/** Which model one role of one lane (or one validator) uses, and why. */
export interface RoleModelChoice {
  /** Absent for validators (they judge the whole aggregate). */
  lane_id?: string;
  role: string;
  spec: string;
  source: string;
}

export interface ModelRuntimeOptions {
  intent: MissionIntent;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** `--model`. */
  cliModel?: string | undefined;
  /** `record` (default with real models), `replay` (no network at all) or `off`. */
  cacheMode: CallCacheMode;
  registry?: AgentRegistry | undefined;
  /** Shared per-endpoint connection limits (default: one registry for this runtime). */
  limiters?: EndpointLimiters;
}

/** The models of one mission, created and checked before any lane starts. */
export interface ModelRuntime {
  choices: RoleModelChoice[];
  resolveModel(lane: ResolvedLane, attempt: number, role: string): ModelPort;
  /** Validators that judge with a language model (validators on the offline engine are absent). */
  judges: Record<string, ModelPort>;
  /** True when any role uses a real model. */
  usesModels: boolean;
}

/** Chooses every role's model for the intent (no adapter is created). */
export function chooseMissionModels(
  options: Pick<ModelRuntimeOptions, 'intent' | 'env' | 'cliModel' | 'registry'>,
): RoleModelChoice[] {
  const { intent, env, registry } = options;
  const choose = (role: string, lane?: { model?: string | undefined; index: number }) => {
    const agent = registry?.findAgent(role);
    const fromSsot = agent === undefined ? undefined : registry?.modelChoiceFor(agent.qualifiedName);
    return chooseModel({
      role,
      lane,
      intentModels: intent.models,
      ssot: fromSsot === undefined || agent === undefined ? undefined : { ...fromSsot, agent: agent.name },
      roleEnvKey: modelEnvKey(role),
      cliModel: options.cliModel,
      env,
    });
  };
  const lanes = resolveLanes(intent).flatMap((lane, index) =>
    LANE_ROLES.map((role) => ({ lane_id: lane.id, role, ...choose(role, { model: lane.model, index }) })),
  );
  const validators = [...new Set(intent.quorum.validators)].map((role) => ({ role, ...choose(role) }));
  return [...lanes, ...validators];
}

/** The adapter of a spec; a configuration problem names the roles that chose it and why. */
function createPort(
  spec: string,
  choices: readonly RoleModelChoice[],
  options: ModelRuntimeOptions,
  limiters: EndpointLimiters,
): ModelPort {
  try {
    return createModelFromSpec(spec, { env: options.env, prices: options.intent.prices, limiters });
  } catch (error) {
    if (!ModelError.isInstance(error)) throw error;
    const users = choices.filter((choice) => choice.spec === spec);
    const sources = [...new Set(users.map((choice) => choice.source))].join(', ');
    const roles = [...new Set(users.map((choice) => choice.role))].join(', ');
    throw new ModelError(error.code, `${error.message} (used by ${roles}; chosen by ${sources})`, {
      cause: error,
    });
  }
}

/**
 * Creates one adapter per distinct spec (a missing key or base URL fails here, naming the
 * variable, before any lane starts), wrapped in the call cache when it is a real model.
 */
export function createModelRuntime(options: ModelRuntimeOptions): ModelRuntime {
  const choices = chooseMissionModels(options);
  const limiters = options.limiters ?? createEndpointLimiters();
  const cache = createCallCache({ dir: join(options.cwd, CALL_CACHE_DIR) });
  const ports = new Map<string, ModelPort>();
  for (const { spec } of choices) {
    if (ports.has(spec)) continue;
    const port = createPort(spec, choices, options, limiters);
    ports.set(
      spec,
      port.provider === 'offline' ? port : withCallCache(port, { cache, mode: options.cacheMode }),
    );
  }
  const portFor = (spec: string): ModelPort => ports.get(spec) as ModelPort;
  const laneChoice = new Map(
    choices.map((choice) => [`${choice.lane_id ?? ''}/${choice.role}`, choice.spec]),
  );
  const judges: Record<string, ModelPort> = {};
  for (const choice of choices) {
    if (choice.lane_id !== undefined) continue;
    const port = portFor(choice.spec);
    if (port.provider !== 'offline') judges[choice.role] = port;
  }
  return {
    choices,
    judges,
    usesModels: [...ports.values()].some((port) => port.provider !== 'offline'),
    resolveModel(lane, _attempt, role) {
      const spec = laneChoice.get(`${lane.id}/${role}`) ?? laneChoice.get(`${lane.id}/observer`) ?? 'offline';
      return portFor(spec);
    },
  };
}
