import type { BUILT_IN_VALIDATORS } from '../contracts/index.js';
import { createDisruptor } from './disruptor.js';
import { createImmunizer } from './immunizer.js';
import type { Validator } from './validator.js';
import { createVerifierAux } from './verifier-aux.js';

/** The name of a built-in validator: `immunizer`, `disruptor` or `verifier_aux`. */
export type BuiltInValidatorName = (typeof BUILT_IN_VALIDATORS)[number];

const FACTORIES: Record<BuiltInValidatorName, () => Validator> = {
  immunizer: createImmunizer,
  disruptor: () => createDisruptor(),
  verifier_aux: createVerifierAux,
};

/** Whether `name` is a built-in validator. */
export function isBuiltInValidatorName(name: string): name is BuiltInValidatorName {
  return Object.hasOwn(FACTORIES, name);
}

/** Creates a built-in validator with its default settings. */
export function createValidator(name: BuiltInValidatorName): Validator {
  return FACTORIES[name]();
}
