import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SSOT_PATH } from './default-ssot-path.js';
import { loadSsot, type SsotLoadResult } from './load-ssot.js';
import { SsotError } from './ssot-error.js';

const here = dirname(fileURLToPath(import.meta.url));
const userProject = join(here, 'fixtures/user-project');
const packageRoot = join(here, '../..');
const ROLES = [
  'Swarmlord',
  'Observer',
  'Bridger',
  'Shaper',
  'Assimilator',
  'Immunizer',
  'Disruptor',
  'VerifierAux',
];
/** Specialists the default model ships besides the roles (usable with `--validator`). */
const SPECIALISTS = ['SecurityAuditor'];

describe('loadSsot with the default model only', () => {
  let result: SsotLoadResult;
  beforeAll(async () => {
    result = await loadSsot({ cwd: here, env: {} });
  });

  it('finds the shipped model beside the package root', () => {
    expect(DEFAULT_SSOT_PATH).toBe(join(packageRoot, 'ssot/HFO_SSOT.sysml'));
    expect(result.files).toEqual([DEFAULT_SSOT_PATH]);
  });

  it('has zero diagnostics', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('lists the OBSIDIAN roles, each with documented requirements and typed ports', () => {
    expect(result.registry.roles().map((agent) => agent.name)).toEqual([...ROLES, ...SPECIALISTS]);
    for (const role of ROLES) {
      const criteria = result.registry.criteriaFor(role);
      expect(criteria.length, role).toBeGreaterThanOrEqual(3);
      for (const criterion of criteria) expect(criterion.text, criterion.name).not.toMatch(/^Satisfy /);
      const agent = result.registry.findAgent(role);
      expect(agent?.ports.map((port) => port.name)).toEqual(['input', 'output']);
      for (const port of agent?.ports ?? [])
        expect(port.typeDefinition?.kind, `${role}.${port.name}`).toBe('item');
    }
  });

  it('finds agents by qualified name, any case and snake_case aliases', () => {
    const registry = result.registry;
    expect(registry.findAgent('verifier_aux')?.name).toBe('VerifierAux');
    expect(registry.findAgent('immunizer')?.name).toBe('Immunizer');
    expect(registry.findAgent('OBSERVER')?.name).toBe('Observer');
    expect(registry.findAgent('HFO_SSOT::Bridger')?.name).toBe('Bridger');
    expect(registry.findAgent('Agent')).toBeUndefined();
    expect(registry.findAgent('navigator')).toBeUndefined();
  });

  it('builds instructions from the role doc, its own and its inherited requirements', () => {
    const instructions = result.registry.instructionsFor('observer');
    expect(instructions).toMatch(
      /^You are Observer, an agent of a swarmlord swarm \(a specialization of Agent\)\./,
    );
    expect(instructions).toContain(
      'CiteEvidence: Cite evidence for every observation: file path, line range',
    );
    expect(instructions).toContain(
      'GroundEveryClaim (from Agent): Never state what the evidence does not show',
    );
    expect(instructions).toContain('Input: MissionIntent.\nOutput: PerceptionSnapshot.');
    expect(instructions.indexOf('SenseWorkspace')).toBeLessThan(instructions.indexOf('RecordReceipts'));
    expect(result.registry.instructionsFor('swarmlord')).toContain('at least three clarification passes');
  });

  it('has no model for the default roles unless the environment names one', async () => {
    expect(result.registry.modelFor('Observer')).toBeUndefined();
    const withEnv = await loadSsot({ cwd: here, env: { SWARMLORD_MODEL_VERIFIER_AUX: 'openai/gpt-5-mini' } });
    expect(withEnv.registry.modelChoiceFor('verifier_aux')).toEqual({
      model: 'openai/gpt-5-mini',
      source: 'env',
      envKey: 'SWARMLORD_MODEL_VERIFIER_AUX',
    });
  });

  it('rejects an unknown agent with SSOT_UNKNOWN_AGENT naming the known ones', () => {
    expect(() => result.registry.instructionsFor('Navigator')).toThrow(
      /no agent named "Navigator".*Observer/,
    );
    try {
      result.registry.criteriaFor('Navigator');
    } catch (error) {
      expect(SsotError.isInstance(error) && error.code).toBe('SSOT_UNKNOWN_AGENT');
    }
  });
});

describe('loadSsot with a project model', () => {
  let result: SsotLoadResult;
  let registry: SsotLoadResult['registry'];
  beforeAll(async () => {
    result = await loadSsot({ cwd: userProject, env: {} });
    registry = result.registry;
  });

  it('extends the default model without diagnostics', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.files).toEqual([DEFAULT_SSOT_PATH, 'ssot/HFO_SSOT.sysml']);
  });

  it('lists SecurityReviewerAgent with its requirement, model and ports', () => {
    const agent = registry.findAgent('SecurityReviewerAgent');
    expect(agent?.qualifiedName).toBe('SecurityReview::SecurityReviewerAgent');
    expect(registry.roles().map((role) => role.name)).toEqual([
      ...ROLES,
      ...SPECIALISTS,
      'SecurityReviewerAgent',
    ]);
    expect(registry.findAgent('security_reviewer')).toBe(agent);
    expect(registry.criteriaFor('SecurityReviewerAgent')[0]).toEqual({
      name: 'MustCheckVulnerabilities',
      qualifiedName: 'SecurityReview::SecurityReviewerAgent::MustCheckVulnerabilities',
      text: 'Scan code for SQL injection, XSS, auth bypasses',
    });
    expect(registry.modelFor('SecurityReviewerAgent')).toBe('deepseek/deepseek-chat');
    expect(agent?.ports.map((port) => [port.name, port.typeDefinition?.name])).toEqual([
      ['input', 'CodeArtifact'],
      ['output', 'SecurityReport'],
    ]);
  });

  it('puts the requirement doc in the instructions, with the inherited Agent requirements', () => {
    const instructions = registry.instructionsFor('SecurityReviewerAgent');
    expect(instructions).toContain(
      '1. MustCheckVulnerabilities: Scan code for SQL injection, XSS, auth bypasses',
    );
    expect(instructions).toContain('RecordReceipts (from Agent)');
    expect(instructions).toContain('Output: SecurityReport.');
  });

  it('lets SWARMLORD_MODEL_SECURITY_REVIEWER override the SSOT model', async () => {
    const overridden = await loadSsot({
      cwd: userProject,
      env: { SWARMLORD_MODEL_SECURITY_REVIEWER: 'anthropic/claude' },
    });
    expect(overridden.registry.modelFor('SecurityReviewerAgent')).toBe('anthropic/claude');
  });
});

describe('loadSsot files', () => {
  it('reads the default model once when the project is swarmlord itself', async () => {
    const result = await loadSsot({ cwd: packageRoot, env: {} });
    expect(result.files).toEqual(['ssot/HFO_SSOT.sysml']);
    expect(result.diagnostics).toEqual([]);
  });

  it('throws SSOT_NOT_FOUND for an explicit file that does not exist', async () => {
    await expect(loadSsot({ cwd: here, file: 'missing.sysml' })).rejects.toMatchObject({
      code: 'SSOT_NOT_FOUND',
      message: 'no such SSOT file: missing.sysml',
    });
  });
});

describe('loadSsot diagnostics', () => {
  it("resolves the seed's bare form: the default package is visible at the root", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ssot-bare-'));
    try {
      const bare = [
        'item def CodeArtifact;',
        'item def SecurityReport;',
        'part def SecurityReviewerAgent :> Agent {',
        '  attribute model : String = "deepseek/deepseek-chat";',
        '  requirement def MustCheckVulnerabilities { doc /* Scan code for SQL injection, XSS, auth bypasses */ }',
        '  port input : CodeArtifact;',
        '  port output : SecurityReport;',
        '}',
      ].join('\n');
      await writeFile(join(dir, 'bare.sysml'), bare);
      const result = await loadSsot({ cwd: dir, file: 'bare.sysml', env: {} });
      expect(result.diagnostics).toEqual([]);
      expect(result.registry.instructionsFor('SecurityReviewerAgent')).toContain(
        'Scan code for SQL injection',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lets names inside a project package see the default package too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ssot-bare-'));
    try {
      await writeFile(join(dir, 'bare.sysml'), 'package P { part def SecurityReviewerAgent :> Agent; }\n');
      const withoutImport = await loadSsot({ cwd: dir, file: 'bare.sysml', env: {} });
      // Lookup walks outward to the root namespace, where the default package is imported.
      expect(withoutImport.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('agent attributes', () => {
  it('reads redefined values, inherited from a supertype agent, into the model and the persona', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ssot-attributes-'));
    try {
      await writeFile(
        join(dir, 'team.sysml'),
        [
          'package Team {',
          '    private import HFO_SSOT::*;',
          '    part def RedTeamAgent :> Disruptor {',
          '        attribute :>> model = "deepseek/deepseek-reasoner";',
          '        attribute :>> persona = "red team";',
          '    }',
          '    part def WebRedTeamAgent :> RedTeamAgent;',
          '}',
          '',
        ].join('\n'),
      );
      const { registry, diagnostics } = await loadSsot({ cwd: dir, file: 'team.sysml', env: {} });
      expect(diagnostics).toEqual([]);
      expect(registry.modelFor('web_red_team')).toBe('deepseek/deepseek-reasoner');
      expect(registry.attributeFor('WebRedTeamAgent', 'persona')).toBe('red team');
      const instructions = registry.instructionsFor('WebRedTeamAgent');
      expect(instructions).toContain('Persona: red team.');
      expect(instructions).toContain('PlantCanaryClaims (from Disruptor)');
      expect(instructions).toContain('RecordReceipts (from Agent)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
