import { z } from 'zod';
import type { ModelPort } from '../models/index.js';
import type { AgentRegistry } from '../ssot/index.js';
import { docText } from '../ssot/index.js';
import type { AgentInfo, DefinitionInfo, SysmlModel } from '../sysml/model-types.js';
import { type SampleValue, sampleItem, textFieldOf } from './item-sample.js';

/** A behaviour case as a generated test writes it. */
export interface GeneratedBehaviourCase {
  requirement: string;
  name: string;
  input: SampleValue;
  expectMentions: string[];
  /** Where the case came from: the requirement's own text, or a model (recorded in the call cache). */
  source: 'example' | 'model';
}

const EXAMPLE_PATTERN = /\b(?:Example|Verify):\s*`([^`]+)`\s*(?:=>|->|→)\s*([^.;]+)/g;

function mentionsOf(text: string): string[] {
  return text
    .split(/,|\band\b/)
    .map((part) => part.trim().replace(/^["'“]+|["'”]+$/g, ''))
    .filter((part) => part !== '');
}

function inputFor(model: SysmlModel, input: DefinitionInfo | undefined, text: string): SampleValue {
  if (input === undefined) return text;
  const field = textFieldOf(model, input);
  return field === undefined ? sampleItem(model, input) : sampleItem(model, input, { field, value: text });
}

/**
 * The cases a requirement states itself: ``Example: `<input>` => <mention>, <mention>`` (or
 * `Verify:`) in its doc. The input text goes into the input item's code/text field.
 */
export function exampleCases(
  model: SysmlModel,
  registry: AgentRegistry,
  agent: AgentInfo,
  input: DefinitionInfo | undefined,
): GeneratedBehaviourCase[] {
  const cases: GeneratedBehaviourCase[] = [];
  for (const requirement of registry.requirementsFor(agent.qualifiedName)) {
    let index = 0;
    for (const match of docText(requirement.doc).matchAll(EXAMPLE_PATTERN)) {
      index += 1;
      const text = match[1] ?? '';
      cases.push({
        requirement: requirement.name,
        name: `example ${index}: ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`,
        input: inputFor(model, input, text),
        expectMentions: mentionsOf(match[2] ?? ''),
        source: 'example',
      });
    }
  }
  return cases;
}

const ModelCasesSchema = z.object({
  cases: z.array(
    z.object({
      requirement: z.string(),
      name: z.string(),
      input_text: z.string(),
      expect_mentions: z.array(z.string()).min(1),
    }),
  ),
});

/**
 * Behaviour cases written by a model: one or more per requirement, as in the seed (a snippet with
 * SQL built from user input → the finding names SQL injection). Wrap `writer` in the call cache so
 * the same model replays them with no network.
 */
export async function writeModelCases(options: {
  writer: ModelPort;
  model: SysmlModel;
  registry: AgentRegistry;
  agent: AgentInfo;
  input: DefinitionInfo | undefined;
}): Promise<GeneratedBehaviourCase[]> {
  const { writer, model, registry, agent, input } = options;
  const criteria = registry.criteriaFor(agent.qualifiedName);
  const result = await writer.generate({
    task: 'engage',
    system:
      'You write behaviour test cases for an LLM agent. For each requirement, give a short input text ' +
      'the agent would receive and one to three words or phrases its output must mention when it meets ' +
      'the requirement. Use only the requirement names given.',
    prompt: `Agent ${agent.name}'s instructions:\n${registry.instructionsFor(agent.qualifiedName)}`,
    context: [],
    input: { requirements: criteria.map((criterion) => ({ name: criterion.name, text: criterion.text })) },
    schema: ModelCasesSchema,
    scope: { role: `codegen:${agent.name}` },
  });
  const names = new Set(criteria.map((criterion) => criterion.name));
  return result.object.cases
    .filter((written) => names.has(written.requirement))
    .map((written) => ({
      requirement: written.requirement,
      name: written.name,
      input: inputFor(model, input, written.input_text),
      expectMentions: written.expect_mentions,
      source: 'model' as const,
    }));
}
