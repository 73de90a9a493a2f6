import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createFakeModel } from '../models/index.js';
import { defineAgent } from './define-agent.js';

const agent = defineAgent({
  name: 'SecurityReviewerAgent',
  qualifiedName: 'SecurityReviewerAgent',
  modelEnvKey: 'SWARMLORD_MODEL_SECURITY_REVIEWER',
  defaultModel: 'deepseek/deepseek-chat',
  instructions: 'You are SecurityReviewerAgent.\n1. MustCheckVulnerabilities: Scan code for SQL injection',
  requirements: [{ name: 'MustCheckVulnerabilities', text: 'Scan code for SQL injection' }],
  input: z.object({ content: z.string() }),
  output: z.object({ findings: z.array(z.string()) }),
});

const behaviour = {
  requirement: 'MustCheckVulnerabilities',
  name: 'sql from user input',
  input: { content: '"SELECT * FROM users WHERE id = " + userInput' },
  expectMentions: ['SQL injection'],
};

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('defineAgent', () => {
  it('the model: SWARMLORD_MODEL_<ROLE>, else the model attribute', () => {
    expect(agent.modelSpec({})).toBe('deepseek/deepseek-chat');
    expect(agent.modelSpec({ SWARMLORD_MODEL_SECURITY_REVIEWER: 'ollama:qwen' })).toBe('ollama:qwen');
  });

  it('as a validator offline: its criteria, and no judge (the offline engine cannot judge)', () => {
    const { validators, judges } = agent.asValidator({
      env: { SWARMLORD_MODEL_SECURITY_REVIEWER: 'offline' },
    });
    expect(validators.map((validator) => validator.name)).toEqual(['SecurityReviewerAgent']);
    expect(judges).toEqual({});
  });

  it('as a lane role: its instructions for that role only', () => {
    const roles = agent.asLaneRole('shaper', (role) => `default ${role}`);
    expect(roles('shaper')).toBe(agent.instructions);
    expect(roles('observer')).toBe('default observer');
  });

  it('a behaviour case offline, or with nothing recorded, says it needs a recording', async () => {
    const offline = await agent.runBehaviourCase(behaviour, {
      env: { SWARMLORD_MODEL_SECURITY_REVIEWER: 'offline' },
    });
    expect(offline).toMatchObject({ status: 'needs-recording' });
    const dir = await mkdtemp(join(tmpdir(), 'define-agent-'));
    dirs.push(dir);
    const missing = await agent.runBehaviourCase(behaviour, { env: {}, cache: { dir, mode: 'replay' } });
    expect(missing.status).toBe('needs-recording');
    if (missing.status === 'needs-recording') expect(missing.message).toContain('no recording');
  });

  it('execute asks the model with the instructions and checks the output schema', async () => {
    const model = createFakeModel({ respond: () => ({ findings: ['SQL injection: id is concatenated'] }) });
    await expect(agent.execute(behaviour.input, { model })).resolves.toEqual({
      findings: ['SQL injection: id is concatenated'],
    });
  });
});
