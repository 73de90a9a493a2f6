/** Environment variables, as `process.env` holds them. */
export type EnvironmentVariables = Readonly<Record<string, string | undefined>>;

/**
 * The environment variable that overrides an agent's model: `SWARMLORD_MODEL_` + the agent's simple name in
 * upper snake case without a trailing `Agent`. `SecurityReviewerAgent` → `SWARMLORD_MODEL_SECURITY_REVIEWER`,
 * `VerifierAux` → `SWARMLORD_MODEL_VERIFIER_AUX`, `Observer` → `SWARMLORD_MODEL_OBSERVER` (the seed's `MODEL_SECURITY`, namespaced).
 */
export function modelEnvKey(agentName: string): string {
  const base = agentName.length > 'Agent'.length ? agentName.replace(/Agent$/, '') : agentName;
  const snake = base
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `SWARMLORD_MODEL_${snake.toUpperCase()}`;
}

/** An agent's model and where it came from. */
export interface AgentModelChoice {
  model: string;
  source: 'env' | 'ssot';
  /** The variable that was (or would be) read. */
  envKey: string;
}

/**
 * The model for an agent: the `SWARMLORD_MODEL_<ROLE>` variable when set and non-empty, else the SSOT
 * `model` attribute value, else undefined (the caller's default engine applies).
 */
export function resolveAgentModel(
  agentName: string,
  ssotModel: string | undefined,
  env: EnvironmentVariables,
): AgentModelChoice | undefined {
  const envKey = modelEnvKey(agentName);
  const fromEnv = env[envKey]?.trim() ?? '';
  if (fromEnv !== '') return { model: fromEnv, source: 'env', envKey };
  if (ssotModel !== undefined && ssotModel !== '') return { model: ssotModel, source: 'ssot', envKey };
  return undefined;
}
