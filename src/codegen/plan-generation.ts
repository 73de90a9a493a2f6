import type { ModelPort } from '../models/index.js';
import { ModelError } from '../models/index.js';
import type { AgentInfo } from '../sysml/model-types.js';
import { exampleCases, type GeneratedBehaviourCase, writeModelCases } from './behaviour-cases.js';
import { CodegenError } from './codegen-error.js';
import type { GenerationContext } from './generation-context.js';
import { AGENT_DOCS_INDEX, agentDocPath, renderAgentDoc, renderAgentDocsIndex } from './render-agent-docs.js';
import { agentModulePath, portDefinitions, renderAgentModule } from './render-agent-module.js';
import { agentTestPath, renderAgentTest } from './render-agent-test.js';
import { renderConfigs } from './render-configs.js';
import { DB_SCHEMA_PATH, renderDbSchema } from './render-db-schema.js';

/** What `swarmlord generate` can produce. */
export type GenerationTarget = 'agent' | 'tests' | 'docs' | 'configs' | 'db' | 'all';

export const GENERATION_TARGETS: readonly GenerationTarget[] = [
  'agent',
  'tests',
  'docs',
  'configs',
  'db',
  'all',
];

/** The element model-wide files name in their header. */
export const MODEL_ELEMENT = 'model';

/** One file a generation writes, before its header is stamped. */
export interface PlannedFile {
  path: string;
  /** The model element it comes from (a qualified name, or `model`). */
  element: string;
  kind: 'agent' | 'test' | 'doc' | 'config' | 'db';
  body: string;
}

/** What a generation would write, with what it noticed on the way. */
export interface GenerationPlan {
  files: PlannedFile[];
  warnings: string[];
  /** Per agent, where its behaviour cases came from. */
  behaviourCases: { agent: string; example: number; model: number; uncovered: string[] }[];
}

export interface PlanGenerationOptions {
  target: GenerationTarget;
  /** Only these agents (names as `--agent` takes them); default: every agent of the project's model. */
  agents?: readonly string[];
  /**
   * Writes behaviour cases per agent (a model behind the call cache); absent or throwing a config
   * error: the cases come from the requirements' Example text alone.
   */
  caseWriter?: (agent: AgentInfo) => ModelPort | undefined;
}

function chooseAgents(context: GenerationContext, names: readonly string[] | undefined): AgentInfo[] {
  if (names === undefined || names.length === 0) return context.projectAgents;
  return names.map((name) => {
    const agent = context.ssot.registry.findAgent(name);
    if (agent === undefined) {
      const known = context.ssot.registry
        .roles()
        .map((role) => role.name)
        .join(', ');
      throw new CodegenError(
        'CODEGEN_UNKNOWN_TARGET',
        `no agent named "${name}" in the SSOT model (agents: ${known})`,
      );
    }
    return agent;
  });
}

async function casesFor(
  context: GenerationContext,
  agent: AgentInfo,
  writer: ModelPort | undefined,
  warnings: string[],
): Promise<GeneratedBehaviourCase[]> {
  const { model, registry } = context.ssot;
  const input = portDefinitions(agent).input;
  const fromExamples = exampleCases(model, registry, agent, input);
  if (writer === undefined) return fromExamples;
  try {
    const written = await writeModelCases({ writer, model, registry, agent, input });
    return [...fromExamples, ...written];
  } catch (error) {
    // No key and no recording (or a failing model): the Example text still gives cases, and the
    // receipt says why the model wrote none, rather than failing the whole generation.
    if (!ModelError.isInstance(error)) throw error;
    warnings.push(`${agent.name}: no model-written behaviour cases (${error.message})`);
    return fromExamples;
  }
}

/**
 * Everything a target implies, in memory and in a fixed order: `generate all` is agents, tests,
 * docs, configs and the DB schema. The same model gives the same plan, byte for byte.
 */
export async function planGeneration(
  context: GenerationContext,
  options: PlanGenerationOptions,
): Promise<GenerationPlan> {
  const { target } = options;
  if (target === 'agent' && (options.agents === undefined || options.agents.length === 0)) {
    throw new CodegenError('CODEGEN_UNKNOWN_TARGET', 'generate agent needs --agent <Name>');
  }
  const agents = chooseAgents(context, options.agents);
  const files: PlannedFile[] = [];
  const warnings: string[] = [];
  const behaviourCases: GenerationPlan['behaviourCases'] = [];
  const wants = (kind: GenerationTarget) => target === kind || target === 'all';
  for (const agent of agents) {
    if (wants('agent')) {
      const module = renderAgentModule(context, agent);
      warnings.push(...module.warnings);
      files.push({
        path: agentModulePath(agent),
        element: agent.qualifiedName,
        kind: 'agent',
        body: module.body,
      });
    }
    if (wants('tests')) {
      const cases = await casesFor(context, agent, options.caseWriter?.(agent), warnings);
      const covered = new Set(cases.map((behaviour) => behaviour.requirement));
      behaviourCases.push({
        agent: agent.name,
        example: cases.filter((behaviour) => behaviour.source === 'example').length,
        model: cases.filter((behaviour) => behaviour.source === 'model').length,
        uncovered: context.ssot.registry
          .criteriaFor(agent.qualifiedName)
          .map((criterion) => criterion.name)
          .filter((name) => !covered.has(name)),
      });
      files.push({
        path: agentTestPath(agent),
        element: agent.qualifiedName,
        kind: 'test',
        body: renderAgentTest(context, agent, cases),
      });
    }
    if (wants('docs')) {
      files.push({
        path: agentDocPath(agent),
        element: agent.qualifiedName,
        kind: 'doc',
        body: renderAgentDoc(context, agent),
      });
    }
  }
  if (wants('docs')) {
    files.push({
      path: AGENT_DOCS_INDEX,
      element: MODEL_ELEMENT,
      kind: 'doc',
      body: renderAgentDocsIndex(context, agents),
    });
  }
  if (wants('configs')) {
    for (const config of renderConfigs(context, agents)) {
      files.push({ path: config.path, element: MODEL_ELEMENT, kind: 'config', body: config.body });
    }
  }
  if (wants('db')) {
    const schema = renderDbSchema(context);
    warnings.push(...schema.warnings);
    files.push({ path: DB_SCHEMA_PATH, element: MODEL_ELEMENT, kind: 'db', body: schema.body });
  }
  return { files, warnings, behaviourCases };
}
