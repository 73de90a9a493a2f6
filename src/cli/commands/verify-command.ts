import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Verdict, VerifyReport } from '../../contracts/index.js';
import { MissionIntentSchema } from '../../contracts/index.js';
import { loadBundleFile, runVerify } from '../../verify/index.js';
import type { CliIo } from '../cli-io.js';

/** Exit codes of `swarmlord verify`: 2 (bad input) is set by the error path. */
export const VERIFY_EXIT_CODES: Readonly<Record<Verdict, number>> = { PASS: 0, FAIL: 1, CAUTION: 3 };

function formatReport(file: string, report: VerifyReport): string {
  const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;
  const interval = report.hallucination_rate_interval;
  const lines = [
    `${report.verdict} ${file}: ${report.claims_grounded} of ${report.claims_total} claims grounded and supported, hallucination rate ${percent(report.hallucination_rate)}${interval === undefined ? '' : ` (95 % interval ${percent(interval[0])}–${percent(interval[1])})`}, quorum ${report.quorum.passed} of ${report.validators.length} (threshold ${report.quorum.threshold})`,
    `checked: ${report.checked ?? ''}`,
  ];
  for (const entry of report.grounding) {
    const refs = (entry.refs ?? []).map((ref) => `${ref.ref} ${ref.outcome}`).join(', ');
    const why = entry.status === 'grounded' ? '' : ` — ${entry.problems[0] ?? ''}`;
    lines.push(
      `  ${entry.status.toUpperCase().padEnd(12)} ${entry.lane_id}/${entry.claim_id}${refs === '' ? '' : ` [${refs}]`}${why}`,
    );
  }
  for (const contradiction of report.contradictions ?? [])
    lines.push(`  CONTRADICTION ${contradiction.message}`);
  for (const evidence of report.instruction_like_evidence ?? []) {
    lines.push(
      `  NOTE evidence ${evidence.ref} reads like an instruction (quoted as data, not acted on): "${evidence.excerpt}"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `swarmlord verify <bundle.json> [--workspace DIR] [--json]`: runs the Verify gate on any claims
 * file in the review bundle schema (`swarmlord schema bundle`). Exit 0 PASS, 1 FAIL, 2 bad input,
 * 3 CAUTION.
 */
export function registerVerifyCommand(program: Command, io: CliIo): void {
  program
    .command('verify')
    .description('verify a claims file against a workspace; exit 0 PASS, 1 FAIL, 2 bad input, 3 CAUTION')
    .argument('<bundle>', 'review bundle JSON (schema: swarmlord schema bundle)')
    .option('--workspace <dir>', 'the directory the evidence refs point into', '.')
    .option('--json', 'print the verify report as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord verify hfo_digests/mi_2026-11-22_a1b2c3/run-001/bundle.json --workspace .
  $ swarmlord verify claims.json --workspace ../service --json   # gate another agent's output
  $ swarmlord schema bundle > bundle.schema.json`,
    )
    .action(async (bundle: string, options: { workspace: string; json?: boolean }) => {
      const loaded = await loadBundleFile(resolve(io.cwd, bundle), bundle);
      const intent = MissionIntentSchema.parse({
        mission_id: loaded.file.mission_id ?? 'verify',
        created_at: new Date().toISOString(),
        objective: `verify ${bundle}`,
      });
      const report = await runVerify({
        aggregate: loaded.aggregate,
        intent,
        workspace: resolve(io.cwd, options.workspace),
        attempt: 1,
        lanes: loaded.lanes,
      });
      io.stdout.write(
        options.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatReport(bundle, report),
      );
      process.exitCode = VERIFY_EXIT_CODES[report.verdict];
    });
}
