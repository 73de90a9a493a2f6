import { modelEnvKey } from '../ssot/index.js';
import type { AgentInfo, DefinitionInfo } from '../sysml/model-types.js';
import type { GenerationContext } from './generation-context.js';
import { renderItemSchemas } from './item-schema-source.js';
import { camelCase, kebabCase, tsProperty, tsString } from './ts-literal.js';

/** Where an agent's module goes, relative to the project root. */
export function agentModulePath(agent: Pick<AgentInfo, 'name'>): string {
  return `agents/${kebabCase(agent.name)}.ts`;
}

/** The exported constant of an agent's module: `SecurityReviewerAgent` → `securityReviewerAgent`. */
export function agentExportName(agent: Pick<AgentInfo, 'name'>): string {
  return camelCase(agent.name);
}

/** The definitions typing the agent's `input` and `output` ports (undefined: no such port or type). */
export function portDefinitions(agent: AgentInfo): { input?: DefinitionInfo; output?: DefinitionInfo } {
  const find = (name: string) => agent.ports.find((port) => port.name === name)?.typeDefinition;
  const input = find('input');
  const output = find('output');
  return { ...(input === undefined ? {} : { input }), ...(output === undefined ? {} : { output }) };
}

/** The agent module's body (no header): zod schemas of its port items and its `defineAgent` call. */
export function renderAgentModule(
  context: GenerationContext,
  agent: AgentInfo,
): { body: string; warnings: string[] } {
  const { registry, model } = context.ssot;
  const ports = portDefinitions(agent);
  const roots = [ports.input, ports.output].filter((root): root is DefinitionInfo => root !== undefined);
  const schemas = renderItemSchemas(model, roots);
  const warnings = [...schemas.warnings];
  const schemaFor = (port: 'input' | 'output'): string => {
    const definition = ports[port];
    if (definition !== undefined) return schemas.schemaNames.get(definition.qualifiedName) ?? 'z.unknown()';
    warnings.push(`${agent.name}: no typed \`port ${port}\`; its schema is z.unknown()`);
    return 'z.unknown()';
  };
  const defaultModel = registry.attributeFor(agent.qualifiedName, 'model');
  const criteria = registry.criteriaFor(agent.qualifiedName);
  const location = `${agent.location.file}:${agent.location.line}:${agent.location.column}`;
  const requirementLines = criteria.flatMap((criterion) => [
    '    {',
    tsProperty('      ', 'name', tsString(criterion.name)),
    tsProperty('      ', 'text', tsString(criterion.text)),
    '    },',
  ]);
  const lines = [
    "import { defineAgent, z } from 'swarmlord';",
    '',
    schemas.text,
    '/**',
    ` * \`${agent.qualifiedName}\` (${location}) on the swarmlord toolkit API.`,
    ` * Requirements (instructions and the criteria it is verified against): ${criteria.map((criterion) => criterion.name).join(', ') || 'none'}.`,
    ` * Model: ${defaultModel === undefined ? 'none in the model (offline engine)' : String(defaultModel)}, overridden by \`${modelEnvKey(agent.name)}\`.`,
    ' */',
    `export const ${agentExportName(agent)} = defineAgent({`,
    tsProperty('  ', 'name', tsString(agent.name)),
    tsProperty('  ', 'qualifiedName', tsString(agent.qualifiedName)),
    tsProperty('  ', 'modelEnvKey', tsString(modelEnvKey(agent.name))),
    ...(defaultModel === undefined ? [] : [tsProperty('  ', 'defaultModel', tsString(String(defaultModel)))]),
    tsProperty('  ', 'instructions', tsString(registry.instructionsFor(agent.qualifiedName))),
    criteria.length === 0 ? '  requirements: [],' : '  requirements: [',
    ...(criteria.length === 0 ? [] : [...requirementLines, '  ],']),
    `  input: ${schemaFor('input')},`,
    `  output: ${schemaFor('output')},`,
    '});',
    '',
  ];
  return { body: lines.join('\n'), warnings };
}
