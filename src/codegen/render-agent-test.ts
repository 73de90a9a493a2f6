import type { AgentInfo } from '../sysml/model-types.js';
import type { GeneratedBehaviourCase } from './behaviour-cases.js';
import type { GenerationContext } from './generation-context.js';
import { sampleItem, tsValue } from './item-sample.js';
import { agentExportName, agentModulePath, portDefinitions } from './render-agent-module.js';
import { kebabCase, tsProperty, tsString, tsStringArray } from './ts-literal.js';

/** Where an agent's generated tests go: beside its module. */
export function agentTestPath(agent: Pick<AgentInfo, 'name'>): string {
  return `agents/${kebabCase(agent.name)}.test.ts`;
}

function roundTrip(port: 'input' | 'output', sample: string | undefined): string[] {
  if (sample === undefined) {
    return [`  it.skip(${tsString(`its ${port} port has no item type to round-trip`)}, () => {});`];
  }
  return [
    `  it(${tsString(`its ${port} schema round-trips a sample item`)}, () => {`,
    `    const sample = ${sample};`,
    `    expect(agent.${port}.parse(JSON.parse(JSON.stringify(sample)))).toEqual(sample);`,
    '  });',
  ];
}

function behaviourTest(behaviour: GeneratedBehaviourCase): string[] {
  const title = `${behaviour.requirement}: ${behaviour.name}`;
  return [
    `  it(${tsString(title)}, async (context) => {`,
    '    const outcome = await agent.runBehaviourCase(',
    '      {',
    tsProperty('        ', 'requirement', tsString(behaviour.requirement)),
    tsProperty('        ', 'name', tsString(behaviour.name)),
    tsProperty('        ', 'input', tsValue(behaviour.input, '        ')),
    `        expectMentions: ${tsStringArray(behaviour.expectMentions, '        ', '        expectMentions: ', ',')},`,
    '      },',
    '      { cache },',
    '    );',
    "    if (outcome.status === 'needs-recording') return context.skip(outcome.message);",
    '    expect(outcome.missing).toEqual([]);',
    '  });',
  ];
}

/**
 * The agent's generated test file: structural tests that always run (schema round-trips, every
 * requirement reaches the instructions, the model spec resolves) and one behaviour test per case,
 * replayed from the call cache; a requirement with no case says plainly what it needs.
 */
export function renderAgentTest(
  context: GenerationContext,
  agent: AgentInfo,
  cases: readonly GeneratedBehaviourCase[],
): string {
  const { model, registry } = context.ssot;
  const ports = portDefinitions(agent);
  const sampleOf = (port: 'input' | 'output') => {
    const definition = ports[port];
    return definition === undefined ? undefined : tsValue(sampleItem(model, definition), '    ');
  };
  const exportName = agentExportName(agent);
  const modulePath = `./${agentModulePath(agent)
    .replace(/^agents\//, '')
    .replace(/\.ts$/, '.js')}`;
  const defaultModel = registry.attributeFor(agent.qualifiedName, 'model');
  const requirements = registry.criteriaFor(agent.qualifiedName).map((criterion) => criterion.name);
  const covered = new Set(cases.map((behaviour) => behaviour.requirement));
  const uncovered = requirements.filter((name) => !covered.has(name));
  const lines = [
    ...(cases.length === 0 ? [] : ["import { fileURLToPath } from 'node:url';"]),
    "import { parseModelSpec } from 'swarmlord';",
    "import { describe, expect, it } from 'vitest';",
    `import { ${exportName} as agent } from '${modulePath}';`,
    '',
    ...(cases.length === 0
      ? []
      : [
          '/** Behaviour cases replay recorded model answers: no network, and no key needed. */',
          'const cache = {',
          "  dir: fileURLToPath(new URL('../hfo_cache/model_calls', import.meta.url)),",
          "  mode: 'replay' as const,",
          '};',
          '',
        ]),
    `describe(${tsString(`${agent.name} (structural)`)}, () => {`,
    ...roundTrip('input', sampleOf('input')),
    ...roundTrip('output', sampleOf('output')),
    "  it('every requirement reaches the instructions', () => {",
    `    expect(agent.requirements.map((requirement) => requirement.name)).toEqual(${tsStringArray(requirements, '    ', '    expect(agent.requirements.map((requirement) => requirement.name)).toEqual(', ');')});`,
    '    for (const requirement of agent.requirements) {',
    '      expect(agent.instructions).toContain(requirement.name);',
    '      expect(agent.instructions).toContain(requirement.text);',
    '    }',
    '  });',
    "  it('the model spec resolves', () => {",
    `    expect(agent.modelSpec({})).toBe(${tsString(defaultModel === undefined ? 'offline' : String(defaultModel))});`,
    "    expect(agent.modelSpec({ [agent.modelEnvKey]: 'offline' })).toBe('offline');",
    '    expect(() => parseModelSpec(agent.modelSpec({}))).not.toThrow();',
    '  });',
    '});',
    '',
    `describe(${tsString(`${agent.name} (behaviour)`)}, () => {`,
    ...cases.flatMap(behaviourTest),
    ...uncovered.map(
      (name) =>
        `  it.skip(${tsString(`${name}: needs a recording: no behaviour case yet (add an Example line to its doc, or run swarmlord generate tests with a model configured)`)}, () => {});`,
    ),
    '});',
    '',
  ];
  return lines.join('\n');
}
