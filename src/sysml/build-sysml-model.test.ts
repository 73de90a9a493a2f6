import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSysmlModel } from './build-sysml-model.js';
import { formatDiagnostic } from './diagnostic.js';
import { parseSysml } from './parse-sysml.js';

const seedAgent = `part def SecurityReviewerAgent :> Agent {
  attribute model : String = "deepseek/deepseek-chat";
  requirement def MustCheckVulnerabilities {
    doc /* Scan code for SQL injection, XSS, auth bypasses */
  }
  port input : CodeArtifact;
  port output : SecurityReport;
}
`;
const seedLibrary = 'part def Agent; item def CodeArtifact; item def SecurityReport;';

function modelOf(...sources: string[]) {
  const parsed = sources.map((source, index) => parseSysml(source, { file: `file${index}.sysml` }));
  for (const result of parsed) expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
  return buildSysmlModel(parsed.map((result) => result.document));
}

describe('buildSysmlModel: the seed agent', () => {
  const model = modelOf(seedAgent, seedLibrary);

  it('lists the agent with its attribute, requirement and ports', () => {
    expect(model.diagnostics).toEqual([]);
    const [agent, ...others] = model.agents();
    expect(others).toEqual([]);
    expect(agent?.name).toBe('SecurityReviewerAgent');
    expect(agent?.specializes).toEqual(['Agent']);
    expect(agent?.attributes.map((attribute) => [attribute.name, attribute.value, attribute.types])).toEqual([
      ['model', 'deepseek/deepseek-chat', ['ScalarValues::String']],
    ]);
    expect(
      agent?.requirements.map((requirement) => [requirement.name, requirement.doc, requirement.isDefinition]),
    ).toEqual([['MustCheckVulnerabilities', 'Scan code for SQL injection, XSS, auth bypasses', true]]);
    expect(agent?.ports.map((port) => [port.name, port.types, port.typeDefinition?.kind])).toEqual([
      ['input', ['CodeArtifact'], 'item'],
      ['output', ['SecurityReport'], 'item'],
    ]);
    expect(agent?.location).toMatchObject({ file: 'file0.sysml', line: 1, column: 1 });
  });

  it('finds agents transitively and inherits requirements', () => {
    const derived = modelOf(
      seedAgent,
      seedLibrary,
      'part def StrictReviewer :> SecurityReviewerAgent { port extra : CodeArtifact; }',
    );
    const strict = derived.agents().find((agent) => agent.name === 'StrictReviewer');
    expect(strict?.requirements.map((requirement) => requirement.qualifiedName)).toEqual([
      'SecurityReviewerAgent::MustCheckVulnerabilities',
    ]);
    expect(strict?.ports.map((port) => port.name)).toEqual(['extra', 'input', 'output']);
    expect(strict?.attributes.map((attribute) => attribute.valueText)).toEqual(['"deepseek/deepseek-chat"']);
  });

  it('finds definitions by qualified or simple name', () => {
    expect(model.findDefinition('SecurityReviewerAgent::MustCheckVulnerabilities')?.kind).toBe('requirement');
    expect(model.findDefinition('MustCheckVulnerabilities')?.qualifiedName).toBe(
      'SecurityReviewerAgent::MustCheckVulnerabilities',
    );
    expect(model.findDefinition('Missing')).toBeUndefined();
    expect(model.definitions().map((definition) => definition.name)).toEqual([
      'SecurityReviewerAgent',
      'MustCheckVulnerabilities',
      'Agent',
      'CodeArtifact',
      'SecurityReport',
    ]);
  });
});

describe('buildSysmlModel: name resolution', () => {
  it('resolves qualified names, imports, recursive imports and aliases', () => {
    const model = modelOf(`package Lib {
  package Inner { part def Deep; }
  part def Engine;
  alias Motor for Engine;
}
package Uses {
  private import Lib::*;
  private import Lib::**;
  private import Lib::Inner::Deep;
  part def Car :> Motor { part d : Deep; part e : Lib::Engine; }
  part def Boat :> Inner::Deep;
}`);
    expect(model.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(model.findDefinition('Uses::Car')?.specializes).toEqual(['Lib::Engine']);
    expect(model.findDefinition('Uses::Car')?.features.map((feature) => feature.types)).toEqual([
      ['Lib::Inner::Deep'],
      ['Lib::Engine'],
    ]);
    expect(model.findDefinition('Boat')?.specializes).toEqual(['Lib::Inner::Deep']);
  });

  it('walks outward through enclosing namespaces and inherits features for redefinition', () => {
    const model = modelOf(`package P {
  part def Engine { part cyl; }
  package Q { part def Big :> Engine { part redefines cyl; } }
}`);
    expect(model.diagnostics).toEqual([]);
    expect(model.findDefinition('Big')?.features[0]?.redefines).toEqual(['P::Engine::cyl']);
  });

  it('reports each unresolved name at the reference', () => {
    const model = modelOf(`package P {
  part def A :> Missing;
  part b : Nowhere::Thing;
  part c : ISQ::mass;
  attribute d : Real;
  private import Gone::*;
}`);
    expect(model.diagnostics.map(formatDiagnostic)).toEqual([
      "file0.sysml:6:18: error: unresolved name 'Gone'",
      "file0.sysml:2:17: error: unresolved name 'Missing'",
      "file0.sysml:3:12: error: unresolved name 'Nowhere::Thing'",
    ]);
    expect(model.diagnostics.every((diagnostic) => diagnostic.code === 'unresolved-name')).toBe(true);
  });

  it('treats names from standard-library imports as resolved', () => {
    const model = modelOf(`package P {
  private import ISQ::*;
  private import ScalarValues::Real;
  part def V { attribute m : MassValue; attribute r : Real; }
}`);
    expect(model.diagnostics).toEqual([]);
  });
});

describe('buildSysmlModel: requirements', () => {
  it('collects subjects and constraint bodies', () => {
    const model = modelOf(`package R {
  part def Vehicle;
  requirement def <'1'> MassLimit {
    doc /* The mass shall be limited. */
    subject vehicle : Vehicle;
    attribute massActual; attribute massReqd;
    require constraint { massActual <= massReqd }
    assume constraint { doc /* tank */ massActual > 0 }
  }
  requirement <'1.1'> limit : MassLimit;
}`);
    const [definition, usage] = model.requirements();
    expect(definition).toMatchObject({
      name: 'MassLimit',
      shortName: '1',
      qualifiedName: 'R::MassLimit',
      isDefinition: true,
      doc: 'The mass shall be limited.',
      subject: { name: 'vehicle', types: ['R::Vehicle'] },
      requiredConstraints: ['massActual <= massReqd'],
      assumedConstraints: ['massActual > 0'],
      owner: 'R',
    });
    expect(usage).toMatchObject({ name: 'limit', shortName: '1.1', isDefinition: false });
  });
});

describe('buildSysmlModel: the example corpus', () => {
  it('resolves every name across all fixtures', () => {
    const folder = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
    const documents = readdirSync(folder)
      .filter((name) => name.endsWith('.sysml'))
      .map((name) => parseSysml(readFileSync(join(folder, name), 'utf8'), { file: name }).document);
    const model = buildSysmlModel(documents);
    expect(model.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(model.findDefinition("'Port Example'::FuelOutPort")).toBeUndefined();
    expect(
      model.findDefinition('Port Example::FuelOutPort')?.features.map((feature) => feature.name),
    ).toEqual(['temperature', 'fuelSupply', 'fuelReturn']);
  });
});
