import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyGuardrails } from './apply-guardrails.js';
import { isToolAuthorized } from './authorize-tool.js';
import { createConcurrencyGate } from './limit-model-concurrency.js';
import { loadExecutionPolicy, parseExecutionPolicy } from './load-execution-policy.js';
import { PolicyError } from './policy-error.js';
import { renderEffectivePolicy } from './render-effective-policy.js';

const CHARTER = `# Agents

Some prose.

\`\`\`sh
npm test
\`\`\`

## Swarmlord charter

\`\`\`yaml
authority:
  shaper: [read_lines, run_command, workspace_write, "mcp:docs/*"]
commands:
  - name: test
    argv: [node, --test]
guardrails:
  max_tokens: 5000
  max_concurrency: 2
\`\`\`

## Other
`;

function problemsOf(markdown: string): string[] {
  try {
    parseExecutionPolicy(markdown, 'AGENTS.md');
  } catch (error) {
    if (PolicyError.isInstance(error)) return error.message.split('\n');
    throw error;
  }
  return [];
}

describe('loadExecutionPolicy', () => {
  it('ships the defaults when there is no AGENTS.md, saying so', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'policy-'));
    const effective = await loadExecutionPolicy(cwd);
    expect(effective.note).toMatch(/no AGENTS\.md/);
    expect(effective.policy.mcp.servers).toEqual([]);
    expect(effective.sources['guardrails.max_concurrency']).toBe('default');
  });

  it('reads the yaml block under the charter heading and names the source of each value', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'policy-'));
    await writeFile(join(cwd, 'AGENTS.md'), CHARTER);
    const effective = await loadExecutionPolicy(cwd);
    expect(effective.policy.commands).toEqual([{ name: 'test', argv: ['node', '--test'] }]);
    expect(effective.policy.guardrails.max_tokens).toBe(5000);
    expect(effective.sources['guardrails.max_tokens']).toBe('AGENTS.md:18:3');
    expect(effective.sources['authority.shaper']).toBe('AGENTS.md:13:3');
    expect(effective.sources['authority.observer']).toBe('default');
    expect(effective.sources['guardrails.max_minutes']).toBe('default');
    const text = renderEffectivePolicy(effective);
    expect(text).toContain('max_tokens: 5000  [AGENTS.md:18:3]');
    expect(text).toContain('test: ["node","--test"]');
  });

  it('names AGENTS.md:line:col and the field of every problem', () => {
    const bad = CHARTER.replace('max_tokens: 5000', 'max_tokens: lots').replace(
      'argv: [node, --test]',
      'argv: []\n    shell: true',
    );
    expect(problemsOf(bad)).toEqual([
      'AGENTS.md:16:5 commands.0.argv: must have at least 1 item',
      'AGENTS.md:17:5 commands.0.shell: unknown field: shell',
      'AGENTS.md:19:3 guardrails.max_tokens: must be a number, got "lots"',
    ]);
  });

  it('reports YAML syntax errors at their line in the file', () => {
    const [first] = problemsOf(CHARTER.replace('max_concurrency: 2', 'max_tokens: 6'));
    expect(first).toMatch(/^AGENTS\.md:1\d:\d+ \(charter\): Map keys must be unique/);
  });

  it('requires a command for stdio servers and a url for http ones', () => {
    const markdown =
      '## Swarmlord charter\n```yaml\nmcp:\n  servers:\n    - name: a\n      transport: stdio\n```\n';
    expect(problemsOf(markdown)).toEqual([
      expect.stringMatching(/^AGENTS\.md:5:\d+ mcp\.servers\.0\.command: is required/),
    ]);
  });
});

describe('isToolAuthorized', () => {
  const policy = { authority: { shaper: ['read_lines', 'mcp:docs/*'], observer: [] } };
  it('allows listed tools and patterns, refuses the rest and unknown roles', () => {
    expect(isToolAuthorized(policy, 'shaper', 'read_lines')).toBe(true);
    expect(isToolAuthorized(policy, 'shaper', 'mcp:docs/lookup')).toBe(true);
    expect(isToolAuthorized(policy, 'shaper', 'mcp:web/fetch')).toBe(false);
    expect(isToolAuthorized(policy, 'observer', 'read_lines')).toBe(false);
    expect(isToolAuthorized(policy, 'intruder', 'read_lines')).toBe(false);
  });
});

describe('guardrails', () => {
  it('lets an intent ask for less, never more', () => {
    const intent = {
      budget: { max_tokens: 9000 },
      timeouts: { mission_soft_minutes: 30, prey_cycle_soft_minutes: 5 },
    } as unknown as Parameters<typeof applyGuardrails>[0];
    const limited = applyGuardrails(intent, {
      max_concurrency: 1,
      max_tokens: 5000,
      max_cost_usd: 1,
      max_minutes: 10,
      command_timeout_seconds: 1,
      command_output_bytes: 1,
      max_file_bytes: 1,
      max_changed_lines: 1,
    });
    expect(limited.budget).toEqual({ max_tokens: 5000, max_cost_usd: 1 });
    expect(limited.timeouts.mission_soft_minutes).toBe(10);
  });

  it('admits at most the limit at once', async () => {
    const gate = createConcurrencyGate(2);
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        gate.run(async () => {
          peak = Math.max(peak, gate.active);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }),
      ),
    );
    expect(peak).toBe(2);
  });
});
