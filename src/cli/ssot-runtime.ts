import type { MissionIntent } from '../contracts/index.js';
import { MISSION_CRITERIA_VALIDATOR } from '../contracts/index.js';
import type { RoleInstructions } from '../roles/index.js';
import { defaultRoleInstructions } from '../roles/index.js';
// Not the ssot/sysml indexes: those load the SysML parser, which a mission on a cached SSOT never needs.
import type { AgentRegistry } from '../ssot/agent-registry.js';
import { loadSsotRegistry } from '../ssot/load-ssot-registry.js';
import { MissionError } from '../swarm/index.js';
import { formatDiagnostic } from '../sysml/diagnostic.js';
import type { Validator } from '../verify/index.js';
import { createCriteriaValidator, isBuiltInValidatorName } from '../verify/index.js';

/** What a mission takes from the SSOT model: role instructions and specialist validators. */
export interface SsotRuntime {
  instructions: RoleInstructions;
  /** The agents of the model (their `model` attributes choose models). */
  registry: AgentRegistry;
  validators: Validator[];
  files: string[];
}

/**
 * Reads the SSOT (the packaged default extended by the project's `ssot/HFO_SSOT.sysml`) and turns it
 * into the swarm's registry: roles take their instructions from the model, and every validator the
 * intent names that is not built in must be an agent of the model, whose requirements become the
 * criteria it checks. A model with errors stops the mission: running on a half-read model would
 * silently change what the agents are told.
 */
export async function loadSsotRuntime(cwd: string, intent: MissionIntent): Promise<SsotRuntime> {
  // The agents only, from the content-keyed snapshot when the SSOT has not changed (decision 0029).
  const ssot = await loadSsotRegistry({ cwd });
  const errors = ssot.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) {
    throw new MissionError(
      'SSOT_INVALID',
      `the SSOT model has errors (fix them or check with 'swarmlord ssot check'):\n${errors.map(formatDiagnostic).join('\n')}`,
    );
  }
  const { registry } = ssot;
  const instructions: RoleInstructions = (role) =>
    registry.findAgent(role) !== undefined ? registry.instructionsFor(role) : defaultRoleInstructions(role);
  const validators = intent.quorum.validators
    .filter((name) => !isBuiltInValidatorName(name))
    .map((name) => {
      // The intent's own success criteria (from clarification) are checked by their own validator.
      if (name === MISSION_CRITERIA_VALIDATOR)
        return createCriteriaValidator({ name, criteria: intent.criteria });
      const agent = registry.findAgent(name);
      if (agent === undefined) {
        const known = registry
          .roles()
          .map((role) => role.name)
          .join(', ');
        throw new MissionError(
          'VALIDATOR_NOT_FOUND',
          `validator '${name}' is neither built in nor an agent of the SSOT (agents: ${known})`,
        );
      }
      return createCriteriaValidator({ name, criteria: registry.criteriaFor(agent.qualifiedName) });
    });
  return { instructions, validators, files: ssot.files, registry };
}
