import type { Command } from 'commander';
import { loadExecutionPolicy, renderEffectivePolicy } from '../../policy/index.js';
import type { CliIo } from '../cli-io.js';

/** `swarmlord policy [--json]`: the effective execution policy and where each value came from. */
export function registerPolicyCommand(program: Command, io: CliIo): void {
  program
    .command('policy')
    .description(
      "print the effective execution policy (the fenced yaml block under 'Swarmlord charter' in ./AGENTS.md over the shipped defaults) and where each value came from; exit 2 naming AGENTS.md:line:col when it is invalid",
    )
    .option('--json', 'print { policy, sources, file, note } as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord policy
  $ swarmlord policy --json | jq .sources

A charter in AGENTS.md:

  ## Swarmlord charter
  \`\`\`yaml
  authority:                      # role → tools it may call
    shaper: [read_lines, search, run_command, workspace_write, "mcp:docs/*"]
  commands:                       # the only commands run_command runs (no shell)
    - { name: test, argv: [npm, test], timeout_seconds: 120 }
  mcp:
    servers:                      # only trusted servers are ever started
      - { name: docs, transport: stdio, command: node, args: [docs-server.js], trusted: true, tools: [lookup] }
  guardrails: { max_concurrency: 4, max_tokens: 200000, max_cost_usd: 2, max_minutes: 20 }
  \`\`\``,
    )
    .action(async (options: { json?: boolean }) => {
      const effective = await loadExecutionPolicy(io.cwd);
      if (options.json === true) io.stdout.write(`${JSON.stringify(effective, null, 2)}\n`);
      else io.stdout.write(renderEffectivePolicy(effective));
    });
}
