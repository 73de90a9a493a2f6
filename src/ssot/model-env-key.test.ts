import { describe, expect, it } from 'vitest';
import { modelEnvKey, resolveAgentModel } from './model-env-key.js';

describe('modelEnvKey', () => {
  it.each([
    ['SecurityReviewerAgent', 'MODEL_SECURITY_REVIEWER'],
    ['VerifierAux', 'MODEL_VERIFIER_AUX'],
    ['Observer', 'MODEL_OBSERVER'],
    ['HTTPProbeAgent', 'MODEL_HTTP_PROBE'],
    ['Agent', 'MODEL_AGENT'],
    ['verifier_aux', 'MODEL_VERIFIER_AUX'],
    ['Front Wheel', 'MODEL_FRONT_WHEEL'],
  ])('%s → %s', (name, key) => {
    expect(modelEnvKey(name)).toBe(key);
  });
});

describe('resolveAgentModel', () => {
  it('prefers a non-empty environment variable over the SSOT attribute', () => {
    expect(
      resolveAgentModel('SecurityReviewerAgent', 'deepseek/deepseek-chat', {
        MODEL_SECURITY_REVIEWER: 'gpt-x',
      }),
    ).toEqual({
      model: 'gpt-x',
      source: 'env',
      envKey: 'MODEL_SECURITY_REVIEWER',
    });
  });

  it('falls back to the SSOT attribute when the variable is unset or blank', () => {
    expect(
      resolveAgentModel('SecurityReviewerAgent', 'deepseek/deepseek-chat', { MODEL_SECURITY_REVIEWER: ' ' }),
    ).toEqual({
      model: 'deepseek/deepseek-chat',
      source: 'ssot',
      envKey: 'MODEL_SECURITY_REVIEWER',
    });
  });

  it('is undefined when neither names a model', () => {
    expect(resolveAgentModel('Observer', undefined, {})).toBeUndefined();
  });
});
