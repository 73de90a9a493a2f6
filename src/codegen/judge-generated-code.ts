import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ModelPort } from '../models/index.js';
import type { GenerationContext } from './generation-context.js';
import { agentModulePath } from './render-agent-module.js';
import type { ValidationVote } from './validation-checks.js';

const RequirementJudgementSchema = z.object({
  requirements: z.array(z.object({ name: z.string(), met: z.boolean(), reason: z.string() })),
});

/**
 * An LLM judge's vote: for each generated agent, is each requirement met by its module? A
 * requirement the judge does not answer counts as not met; a judge that errors votes no.
 */
export async function judgeVote(context: GenerationContext, judge: ModelPort): Promise<ValidationVote> {
  const voter = `judge ${judge.provider}:${judge.modelId}`;
  const problems: string[] = [];
  try {
    for (const agent of context.projectAgents) {
      const path = agentModulePath(agent);
      const code = await readFile(join(context.cwd, path), 'utf8');
      const criteria = context.ssot.registry.criteriaFor(agent.qualifiedName);
      const result = await judge.generate({
        task: 'judge',
        system:
          'You review code generated from a SysML model. For each requirement, say whether the agent module ' +
          'makes the agent meet it (its instructions, schemas and model), with a one-line reason.',
        prompt: `Module ${path}:\n${code}`,
        context: [],
        input: { requirements: criteria },
        schema: RequirementJudgementSchema,
        scope: { role: `validate:${agent.name}` },
      });
      for (const criterion of criteria) {
        const answer = result.object.requirements.find((candidate) => candidate.name === criterion.name);
        if (answer === undefined) problems.push(`${agent.name}.${criterion.name}: not judged`);
        else if (!answer.met) problems.push(`${agent.name}.${criterion.name}: ${answer.reason}`);
      }
    }
  } catch (error) {
    problems.push(`the judge failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    voter,
    deterministic: false,
    passed: problems.length === 0,
    summary:
      problems.length === 0
        ? 'every requirement judged met'
        : `${problems.length} requirement(s) judged not met`,
    problems,
  };
}
