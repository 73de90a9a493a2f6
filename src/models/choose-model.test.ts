import { describe, expect, it } from 'vitest';
import { chooseModel } from './choose-model.js';

const base = { role: 'observer', roleEnvKey: 'SWARMLORD_MODEL_OBSERVER' };

describe('chooseModel', () => {
  it('runs offline when nothing is configured anywhere', () => {
    expect(chooseModel({ ...base, env: {} })).toEqual({
      spec: 'offline',
      source: 'default (nothing configured)',
    });
  });

  it('takes each source in order, highest first', () => {
    const env = {
      SWARMLORD_MODEL: 'ollama:qwen2.5-coder:7b',
      SWARMLORD_MODEL_OBSERVER: 'deepseek:deepseek-chat',
    };
    const ssot = {
      model: 'openrouter:x/y',
      source: 'ssot' as const,
      envKey: 'SWARMLORD_MODEL_OBSERVER',
      agent: 'Observer',
    };
    const all = {
      ...base,
      env,
      lane: { model: 'anthropic:claude-sonnet-4-5', index: 1 },
      intentModels: { observer: 'openai:gpt-5-mini' },
      ssot,
      cliModel: 'openai-compatible:my-model',
    };
    expect(chooseModel(all)).toEqual({
      spec: 'anthropic:claude-sonnet-4-5',
      source: 'intent lanes[1].model',
    });
    expect(chooseModel({ ...all, lane: { index: 1 } })).toEqual({
      spec: 'openai:gpt-5-mini',
      source: 'intent models.observer',
    });
    expect(chooseModel({ ...all, lane: undefined, intentModels: {} }).source).toBe('SSOT Observer.model');
    expect(
      chooseModel({
        ...all,
        lane: undefined,
        intentModels: {},
        ssot: { ...ssot, source: 'env', model: 'a:b' },
      }),
    ).toEqual({ spec: 'a:b', source: 'SWARMLORD_MODEL_OBSERVER' });
    expect(chooseModel({ ...all, lane: undefined, intentModels: {}, ssot: undefined })).toEqual({
      spec: 'deepseek:deepseek-chat',
      source: 'SWARMLORD_MODEL_OBSERVER',
    });
    expect(
      chooseModel({
        ...base,
        env: { SWARMLORD_MODEL: env.SWARMLORD_MODEL },
        cliModel: 'openai-compatible:m',
      }),
    ).toEqual({ spec: 'openai-compatible:m', source: '--model' });
    expect(chooseModel({ ...base, env: { SWARMLORD_MODEL: env.SWARMLORD_MODEL } })).toEqual({
      spec: 'ollama:qwen2.5-coder:7b',
      source: 'SWARMLORD_MODEL',
    });
  });

  it('ignores blank values', () => {
    expect(chooseModel({ ...base, env: { SWARMLORD_MODEL: '  ' }, lane: { model: '', index: 0 } }).spec).toBe(
      'offline',
    );
  });
});
