/** Environment variables, as `process.env` holds them. */
type Environment = Readonly<Record<string, string | undefined>>;

/** A model spec and the setting that chose it. */
export interface ModelChoice {
  /** `offline` or `<provider>:<model-id>` (or a bare id for the default provider). */
  spec: string;
  /** Where it came from, in the user's words: `intent lanes[2].model`, `SWARMLORD_MODEL_OBSERVER`, `--model`, … */
  source: string;
}

export interface ChooseModelInput {
  /** The role asking: `observer`, `bridger`, `shaper`, `assimilator`, a validator or an SSOT agent name. */
  role: string;
  /** The lane's own model in the intent, with the lane's 0-based position (absent for validators). */
  lane?: { model?: string | undefined; index: number } | undefined;
  /** The intent's `models` (per role). */
  intentModels?: Readonly<Record<string, string>> | undefined;
  /**
   * The SSOT's choice for this role: its `SWARMLORD_MODEL_<ROLE>` override or the agent's `model`
   * attribute (what the agent registry's `modelChoiceFor` returns), when the role is an SSOT agent.
   */
  ssot?: { model: string; source: 'env' | 'ssot'; envKey: string; agent: string } | undefined;
  /** The role's `SWARMLORD_MODEL_<ROLE>` variable, for roles the SSOT does not define. */
  roleEnvKey: string;
  /** `--model` of the command line. */
  cliModel?: string | undefined;
  env: Environment;
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/**
 * The model a role uses, highest first: the intent's lane, the intent's `models.<role>`,
 * `SWARMLORD_MODEL_<ROLE>`, the SSOT agent's `model` attribute, `--model`, `SWARMLORD_MODEL`; with
 * nothing set anywhere, the offline engine. The lane wins over the role because lanes are the
 * swarm's independent voices: a lane given its own model keeps it in every phase.
 */
export function chooseModel(input: ChooseModelInput): ModelChoice {
  const { lane, role, env } = input;
  if (lane !== undefined && present(lane.model)) {
    return { spec: lane.model.trim(), source: `intent lanes[${lane.index}].model` };
  }
  const fromIntent = input.intentModels?.[role];
  if (present(fromIntent)) return { spec: fromIntent.trim(), source: `intent models.${role}` };
  if (input.ssot !== undefined && present(input.ssot.model)) {
    return {
      spec: input.ssot.model.trim(),
      source: input.ssot.source === 'env' ? input.ssot.envKey : `SSOT ${input.ssot.agent}.model`,
    };
  }
  const fromRoleEnv = env[input.roleEnvKey];
  if (present(fromRoleEnv)) return { spec: fromRoleEnv.trim(), source: input.roleEnvKey };
  if (present(input.cliModel)) return { spec: input.cliModel.trim(), source: '--model' };
  const fromEnv = env.SWARMLORD_MODEL;
  if (present(fromEnv)) return { spec: fromEnv.trim(), source: 'SWARMLORD_MODEL' };
  return { spec: 'offline', source: 'default (nothing configured)' };
}
