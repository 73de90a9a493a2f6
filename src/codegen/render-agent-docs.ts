import { simpleName } from '../ssot/doc-text.js';
import { docText, modelEnvKey, renderSsotDiagrams } from '../ssot/index.js';
import type { AgentInfo } from '../sysml/model-types.js';
import type { GenerationContext } from './generation-context.js';
import { dataFeatures } from './item-schema-source.js';
import { agentModulePath } from './render-agent-module.js';
import { kebabCase } from './ts-literal.js';

/** Where an agent's page goes. */
export function agentDocPath(agent: Pick<AgentInfo, 'name'>): string {
  return `docs/agents/${kebabCase(agent.name)}.md`;
}

/** The index of the agent pages, with the SSOT diagrams. */
export const AGENT_DOCS_INDEX = 'docs/agents/index.md';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** One agent's page: purpose, requirements, ports (with their items' fields), model. */
export function renderAgentDoc(context: GenerationContext, agent: AgentInfo): string {
  const { registry, model } = context.ssot;
  const defaultModel = registry.attributeFor(agent.qualifiedName, 'model');
  const lines = [
    `# ${agent.name}`,
    '',
    `\`${agent.qualifiedName}\` (${agent.location.file}:${agent.location.line}), a specialization of ${agent.specializes.map(simpleName).join(', ')}. Module: \`${agentModulePath(agent)}\`.`,
    '',
    '## Purpose',
    '',
    docText(agent.doc) || '(The model gives this agent no doc.)',
    '',
    '## Requirements',
    '',
    'Each is in the agent’s instructions and is a criterion its work is verified against.',
    '',
    ...registry
      .criteriaFor(agent.qualifiedName)
      .map((criterion) => `- **${criterion.name}**: ${criterion.text}`),
    '',
    '## Ports',
    '',
    '| port | direction | item | fields |',
    '| --- | --- | --- | --- |',
    ...agent.ports.map((port) => {
      const fields =
        port.typeDefinition === undefined
          ? ''
          : dataFeatures(model, port.typeDefinition)
              .map(
                (feature) =>
                  `${feature.name}: ${feature.types.map(simpleName).join(', ')}${feature.multiplicity ?? ''}`,
              )
              .join('; ');
      return `| ${port.name} | ${port.direction ?? '—'} | ${cell(port.types.map(simpleName).join(', '))} | ${cell(fields)} |`;
    }),
    '',
    '## Model',
    '',
    `${defaultModel === undefined ? 'No `model` attribute: the offline engine unless' : `\`${String(defaultModel)}\` (the \`model\` attribute), unless`} \`${modelEnvKey(agent.name)}\` is set.`,
    '',
  ];
  return lines.join('\n');
}

/** The index: every generated agent page, then the model's class and requirement diagrams. */
export function renderAgentDocsIndex(context: GenerationContext, agents: readonly AgentInfo[]): string {
  // The diagram index names the source paths, which differ between machines; the diagrams do not.
  const diagrams = renderSsotDiagrams(context.ssot.model, []).filter((file) => file.name.endsWith('.mmd'));
  const lines = [
    '# Agents of the SSOT',
    '',
    ...agents.map(
      (agent) =>
        `- [${agent.name}](${kebabCase(agent.name)}.md): ${docText(agent.doc) || agent.qualifiedName}`,
    ),
    '',
    ...diagrams.flatMap((file) => [
      `## ${file.name.replace(/\.mmd$/, '').replace(/-/g, ' ')}`,
      '',
      '```mermaid',
      file.text.trimEnd(),
      '```',
      '',
    ]),
  ];
  return lines.join('\n');
}
