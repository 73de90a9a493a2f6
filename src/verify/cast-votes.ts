import type { ValidatorReport } from '../contracts/index.js';
import type { Validator, ValidatorInput } from './validator.js';

/** A vote that could not be cast: it counts as FAIL, with the reason, never dropped. */
export function failedVote(name: string, reason: string): ValidatorReport {
  return {
    validator: name,
    passed: false,
    findings: [{ code: 'validator-error', severity: 'error', message: `${name} could not vote: ${reason}` }],
    failing_lanes: [],
    summary: `no vote (${reason}): counted as FAIL`,
  };
}

/**
 * Runs each validator once (by name: the same validator listed twice votes once), each within
 * `timeoutMs`. A validator that throws or times out casts a FAIL vote carrying its reason.
 */
export async function castVotes(
  validators: readonly Validator[],
  input: ValidatorInput,
  timeoutMs: number,
): Promise<ValidatorReport[]> {
  return Promise.all(
    validators.map(async (validator) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        const report = await Promise.race([validator.validate(input), timeout]);
        return { ...report, validator: validator.name };
      } catch (error) {
        return failedVote(validator.name, error instanceof Error ? error.message : String(error));
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}
