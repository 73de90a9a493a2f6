import { describe, expect, it } from 'vitest';
import type { DefinitionInfo, FeatureInfo, RequirementInfo } from '../sysml/model-types.js';
import { validateMermaid } from '../test/validate-mermaid.js';
import { renderClassDiagram } from './render-class-diagram.js';
import { renderDiagramIndex } from './render-diagram-index.js';
import { renderRequirementDiagram } from './render-requirement-diagram.js';

const at = { file: 'm.sysml', line: 1, column: 1 };

function feature(partial: Partial<FeatureInfo> & Pick<FeatureInfo, 'kind' | 'name'>): FeatureInfo {
  return { types: [], subsets: [], redefines: [], location: at, ...partial };
}

function requirement(
  partial: Partial<RequirementInfo> & Pick<RequirementInfo, 'name' | 'owner'>,
): RequirementInfo {
  return {
    qualifiedName: `${partial.owner}::${partial.name}`,
    isDefinition: true,
    requiredConstraints: [],
    assumedConstraints: [],
    location: at,
    ...partial,
  };
}

function definition(
  partial: Partial<DefinitionInfo> & Pick<DefinitionInfo, 'kind' | 'name'>,
): DefinitionInfo {
  return {
    qualifiedName: `P::${partial.name}`,
    isAbstract: false,
    specializes: [],
    features: [],
    requirements: [],
    location: at,
    ...partial,
  };
}

const mustCheck = requirement({
  name: 'MustCheckVulnerabilities',
  owner: 'P::SecurityReviewerAgent',
  doc: '/* Scan code for SQL injection, XSS, "auth" bypasses\n * and {braces} */',
});

const definitions: DefinitionInfo[] = [
  definition({
    kind: 'part',
    name: 'Agent',
    isAbstract: true,
    features: [feature({ kind: 'attribute', name: 'model', types: ['ScalarValues::String'] })],
  }),
  definition({
    kind: 'part',
    name: 'SecurityReviewerAgent',
    specializes: ['P::Agent'],
    features: [
      feature({ kind: 'attribute', name: 'model', types: ['String'], valueText: '"deepseek/deepseek-chat"' }),
      feature({ kind: 'port', name: 'input', types: ['P::CodeArtifact'] }),
      feature({ kind: 'port', name: 'output', direction: 'out', types: ['P::SecurityReport'] }),
      feature({ kind: 'part', name: 'helper', types: ['P::Agent'], multiplicity: '[0..*]' }),
      feature({ kind: 'ref', name: '', redefines: ['Agent::persona'], valueText: '"red {team}" ~x~ %% y' }),
    ],
    requirements: [mustCheck],
  }),
  definition({ kind: 'item', name: 'CodeArtifact' }),
  definition({ kind: 'item', name: 'SecurityReport' }),
  definition({
    kind: 'enum',
    name: 'Verdict',
    enumValues: ['pass', 'caution', 'fail'],
    features: ['pass', 'caution', 'fail'].map((name) => feature({ kind: 'enum', name })),
  }),
  definition({ kind: 'part', name: 'Front Wheel', qualifiedName: "P::'Front Wheel'" }),
  definition({ kind: 'part', name: 'Agent', qualifiedName: 'Q::Agent' }),
  definition({ kind: 'part', name: 'class' }),
  definition({
    kind: 'requirement',
    name: 'MustCheckVulnerabilities',
    qualifiedName: mustCheck.qualifiedName,
  }),
];

describe('renderClassDiagram', () => {
  const text = renderClassDiagram(definitions);

  it('is valid mermaid', async () => {
    await expect(validateMermaid(text)).resolves.toBeUndefined();
  });

  it('shows kinds as stereotypes and features as members', () => {
    expect(text).toMatch(/^classDiagram\n/);
    expect(text).toContain('<<abstract part def>>');
    expect(text).toContain('<<enum def>>\n    pass\n    caution\n    fail\n  }');
    expect(text).toContain("+model : String = 'deepseek/deepseek-chat'");
    expect(text).toContain('requirement MustCheckVulnerabilities');
    expect(text).not.toContain('<<requirement def>>');
  });

  it('draws specialization, composition and port associations', () => {
    expect(text).toContain('Agent <|-- SecurityReviewerAgent');
    expect(text).toContain('SecurityReviewerAgent *-- Agent : helper [0..*]');
    expect(text).toContain('SecurityReviewerAgent --> CodeArtifact : port input');
    expect(text).toContain('SecurityReviewerAgent --> SecurityReport : port out output');
  });

  it('sanitizes names and keeps same-named definitions apart', () => {
    expect(text).toContain('class Front_Wheel["Front Wheel"]');
    expect(text).toContain('class Agent_2');
    expect(text).toContain('class class_');
  });
});

describe('renderRequirementDiagram', () => {
  const nested = requirement({ name: 'NoSqlInjection', owner: mustCheck.qualifiedName, shortName: '1.1' });
  const packaged = requirement({ name: 'text', owner: 'P', doc: '/* package-level */' });
  const text = renderRequirementDiagram({
    requirements: [mustCheck, nested, packaged],
    definitions,
    agents: ['P::SecurityReviewerAgent', 'P::Agent'],
  });

  it('is valid mermaid', async () => {
    await expect(validateMermaid(text)).resolves.toBeUndefined();
  });

  it('quotes the doc as text and relates owners to requirements', () => {
    expect(text).toMatch(/^requirementDiagram\n/);
    expect(text).toContain(`text: "Scan code for SQL injection, XSS, 'auth' bypasses and {braces}"`);
    expect(text).toContain('id: "1.1"');
    expect(text).toContain('SecurityReviewerAgent - satisfies -> MustCheckVulnerabilities');
    expect(text).toContain('MustCheckVulnerabilities - contains -> NoSqlInjection');
    expect(text).toContain('P - contains -> text_');
    expect(text).toContain('element Agent {\n    type: "abstract part def"');
  });

  it('is valid mermaid with nothing to show', async () => {
    await expect(
      validateMermaid(renderRequirementDiagram({ requirements: [], definitions: [] })),
    ).resolves.toBeUndefined();
    await expect(validateMermaid(renderClassDiagram([]))).resolves.toBeUndefined();
  });
});

describe('renderDiagramIndex', () => {
  it('links and embeds each diagram in a mermaid fence', () => {
    const page = renderDiagramIndex(
      [{ title: 'Class diagram', file: 'class-diagram.mmd', mermaid: 'classDiagram' }],
      ['ssot/HFO_SSOT.sysml'],
    );
    expect(page).toContain('- [Class diagram](./class-diagram.mmd)');
    expect(page).toContain('```mermaid\nclassDiagram\n```');
    expect(page).toContain('- `ssot/HFO_SSOT.sysml`');
  });
});
