import { describe, expect, it } from 'vitest';
import { buildSysmlModel, formatDiagnostic, parseSysml } from './index.js';

describe('sysml public entry point', () => {
  it('parses, resolves and formats through index.ts', () => {
    const agentSource = `package Agents {
  private import Library::*;
  part def Reviewer :> Agent {
    doc /* Reviews code. */
    attribute model : String = "deepseek/deepseek-chat";
    in port input : CodeArtifact;
  }
}`;
    const librarySource = 'package Library { part def Agent; item def CodeArtifact; }';
    const agents = parseSysml(agentSource, { file: 'agents.sysml' });
    const library = parseSysml(librarySource, { file: 'library.sysml' });
    expect([...agents.diagnostics, ...library.diagnostics]).toEqual([]);
    const model = buildSysmlModel([agents.document, library.document]);
    expect(model.diagnostics).toEqual([]);
    expect(model.agents()).toMatchObject([
      {
        name: 'Reviewer',
        qualifiedName: 'Agents::Reviewer',
        doc: 'Reviews code.',
        specializes: ['Library::Agent'],
        attributes: [
          { name: 'model', value: 'deepseek/deepseek-chat', valueText: '"deepseek/deepseek-chat"' },
        ],
        ports: [
          {
            name: 'input',
            direction: 'in',
            types: ['Library::CodeArtifact'],
            typeDefinition: { kind: 'item' },
          },
        ],
        location: { file: 'agents.sysml', line: 3, column: 3 },
      },
    ]);
  });

  it('formats diagnostics as file:line:col: severity: message', () => {
    const { diagnostics } = parseSysml('package P {\n  part p : T decide;\n}', { file: 'p.sysml' });
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      "p.sysml:2:14: error: unsupported construct 'decide'",
    ]);
  });
});
