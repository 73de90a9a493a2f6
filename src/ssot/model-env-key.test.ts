import { describe, expect, it } from 'vitest';
import { modelEnvKey, resolveAgentModel } from './model-env-key.js';

describe('modelEnvKey', () => {
  it.each([
    ['SecurityReviewerAgent', 'SWARMLORD_MODEL_SECURITY_REVIEWER'],
    ['VerifierAux', 'SWARMLORD_MODEL_VERIFIER_AUX'],
    ['Observer', 'SWARMLORD_MODEL_OBSERVER'],
    ['HTTPProbeAgent', 'SWARMLORD_MODEL_HTTP_PROBE'],
    ['Agent', 'SWARMLORD_MODEL_AGENT'],
    ['verifier_aux', 'SWARMLORD_MODEL_VERIFIER_AUX'],
    ['Front Wheel', 'SWARMLORD_MODEL_FRONT_WHEEL'],
  ])('%s → %s', (name, key) => {
    expect(modelEnvKey(name)).toBe(key);
  });
});

describe('resolveAgentModel', () => {
  it('prefers a non-empty environment variable over the SSOT attribute', () => {
    expect(
      resolveAgentModel('SecurityReviewerAgent', 'deepseek/deepseek-chat', {
        SWARMLORD_MODEL_SECURITY_REVIEWER: 'gpt-x',
      }),
    ).toEqual({
      model: 'gpt-x',
      source: 'env',
      envKey: 'SWARMLORD_MODEL_SECURITY_REVIEWER',
    });
  });

  it('falls back to the SSOT attribute when the variable is unset or blank', () => {
    expect(
      resolveAgentModel('SecurityReviewerAgent', 'deepseek/deepseek-chat', {
        SWARMLORD_MODEL_SECURITY_REVIEWER: ' ',
      }),
    ).toEqual({
      model: 'deepseek/deepseek-chat',
      source: 'ssot',
      envKey: 'SWARMLORD_MODEL_SECURITY_REVIEWER',
    });
  });

  it('is undefined when neither names a model', () => {
    expect(resolveAgentModel('Observer', undefined, {})).toBeUndefined();
  });
});
