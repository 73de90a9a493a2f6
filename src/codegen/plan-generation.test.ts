import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallCache, withCallCache } from '../models/call-cache/index.js';
import type { ModelPort } from '../models/index.js';
import { createFakeModel, ModelError } from '../models/index.js';
import { loadGenerationContext } from './generation-context.js';
import { planGeneration } from './plan-generation.js';

const MODEL = `part def SecurityReviewerAgent :> Agent {
  attribute model : String = "deepseek/deepseek-chat";
  requirement def MustCheckVulnerabilities { doc /* Scan code for SQL injection, XSS, auth bypasses */ }
  port input : CodeArtifact;
  port output : SecurityReport;
}
`;

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'plan-generation-'));
  await mkdir(join(cwd, 'ssot'));
  await writeFile(join(cwd, 'ssot', 'HFO_SSOT.sysml'), MODEL);
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

/** The seed's case, as a model writes it. */
const writer = createFakeModel({
  modelId: 'deepseek/deepseek-chat',
  respond: () => ({
    cases: [
      {
        requirement: 'MustCheckVulnerabilities',
        name: 'SQL built from user input',
        input_text: 'const q = "SELECT * FROM users WHERE id = " + userInput;',
        expect_mentions: ['SQL injection'],
      },
    ],
  }),
});

describe('planGeneration', () => {
  it('tests: model-written behaviour cases, recorded, then replayed with no model behind', async () => {
    const context = await loadGenerationContext(cwd, {});
    const cache = createCallCache({ dir: join(cwd, 'hfo_cache', 'model_calls') });
    const recorded = await planGeneration(context, {
      target: 'tests',
      caseWriter: () => withCallCache(writer, { cache, mode: 'record' }),
    });
    const test = recorded.files.find((file) => file.path === 'agents/security-reviewer-agent.test.ts');
    expect(test?.body).toContain("it('MustCheckVulnerabilities: SQL built from user input'");
    expect(test?.body).toContain("expectMentions: ['SQL injection']");
    expect(recorded.behaviourCases[0]).toMatchObject({ agent: 'SecurityReviewerAgent', model: 1 });

    const noNetwork: ModelPort = {
      provider: writer.provider,
      modelId: writer.modelId,
      label: 'replay only',
      generate: () => Promise.reject(new ModelError('MODEL_REPLAY_MISS', 'not recorded')),
    };
    const replayed = await planGeneration(context, {
      target: 'tests',
      caseWriter: () => withCallCache(noNetwork, { cache, mode: 'replay' }),
    });
    expect(replayed.files).toEqual(recorded.files);
    expect(writer.calls).toBe(1);
  });

  it('tests without a model or Example text: the requirement says it needs a recording', async () => {
    const context = await loadGenerationContext(cwd, {});
    const plan = await planGeneration(context, { target: 'tests' });
    expect(plan.files[0]?.body).toContain("it.skip('MustCheckVulnerabilities: needs a recording");
  });

  it('the same model gives the same plan, byte for byte', async () => {
    const first = await planGeneration(await loadGenerationContext(cwd, {}), { target: 'all' });
    const second = await planGeneration(await loadGenerationContext(cwd, {}), { target: 'all' });
    expect(second.files).toEqual(first.files);
  });
});
