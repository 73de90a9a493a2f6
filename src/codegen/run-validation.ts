import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelPort } from '../models/index.js';
import { APPROVAL_JSON_PATH, APPROVAL_MARKDOWN_PATH, CODEGEN_DIR } from './codegen-paths.js';
import type { GenerationContext } from './generation-context.js';
import { readGenerationManifest } from './generation-manifest.js';
import { judgeVote } from './judge-generated-code.js';
import {
  driftVote,
  placeholderVote,
  runGeneratedTests,
  type TestRunSummary,
  traceabilityVote,
  typeCheckVote,
  type ValidationVote,
} from './validation-checks.js';

/** `swarmlord validate`'s approval report (Markdown + JSON). */
export interface ApprovalReport {
  format: 'swarmlord.approval/v1';
  validated_at: string;
  model_hash: string;
  verdict: 'APPROVED' | 'REJECTED';
  /** Why, in one line: which votes failed, or what was checked. */
  reason: string;
  tests: TestRunSummary;
  votes: ValidationVote[];
  /** Judges needed to approve (⌈2n/3⌉ of n), when there are judges. */
  judge_quorum: { needed: number; of: number } | null;
  /** The generated files the verdict covers. */
  files: string[];
}

/**
 * Validates the generated change: the generated tests, then a quorum of voters. The deterministic
 * voters (tests, type check, placeholder ban, traceability, drift) must all pass and cannot be
 * overruled; LLM judges, when given, must reach ⌈2n/3⌉. Offline the report says no judge ran.
 */
export async function runValidation(options: {
  context: GenerationContext;
  env: NodeJS.ProcessEnv;
  judges?: readonly ModelPort[];
  now: Date;
}): Promise<ApprovalReport> {
  const { context, env } = options;
  const manifest = await readGenerationManifest(context.cwd);
  const files = manifest.files.map((entry) => entry.path);
  const { vote: testVote, summary: tests } = await runGeneratedTests(context.cwd, env);
  const votes: ValidationVote[] = [
    testVote,
    await typeCheckVote(context.cwd, env),
    await placeholderVote(context.cwd, files),
    await traceabilityVote(context),
    await driftVote(context),
  ];
  const judges = options.judges ?? [];
  for (const judge of judges) votes.push(await judgeVote(context, judge));
  const needed = Math.ceil((2 * judges.length) / 3);
  const failedChecks = votes.filter((vote) => vote.deterministic && !vote.passed);
  const judgesPassed = votes.filter((vote) => !vote.deterministic && vote.passed).length;
  const approved = files.length > 0 && failedChecks.length === 0 && judgesPassed >= needed;
  const reason =
    files.length === 0
      ? 'nothing generated yet (run swarmlord generate all)'
      : failedChecks.length > 0
        ? `failed: ${failedChecks.map((vote) => vote.voter).join(', ')}`
        : judgesPassed < needed
          ? `judges: ${judgesPassed} of ${judges.length} approved, ${needed} needed`
          : judges.length === 0
            ? 'every deterministic check passed; no model configured, so no LLM judge checked the requirements'
            : `every deterministic check passed and ${judgesPassed} of ${judges.length} judges approved`;
  return {
    format: 'swarmlord.approval/v1',
    validated_at: options.now.toISOString(),
    model_hash: context.modelHash,
    verdict: approved ? 'APPROVED' : 'REJECTED',
    reason,
    tests,
    votes,
    judge_quorum: judges.length === 0 ? null : { needed, of: judges.length },
    files,
  };
}

/** The report as Markdown: verdict first, then the votes, then the tests. */
export function renderApprovalMarkdown(report: ApprovalReport): string {
  const lines = [
    `# Approval report: ${report.verdict}`,
    '',
    `${report.reason}.`,
    '',
    `Model \`${report.model_hash}\`, validated ${report.validated_at}, ${report.files.length} generated files.`,
    '',
    '| voter | kind | vote | summary |',
    '| --- | --- | --- | --- |',
    ...report.votes.map(
      (vote) =>
        `| ${vote.voter} | ${vote.deterministic ? 'check' : 'judge'} | ${vote.passed ? 'yes' : 'no'} | ${vote.summary.replace(/\|/g, '\\|')} |`,
    ),
    '',
    '## Problems',
    '',
    ...report.votes.flatMap((vote) => vote.problems.map((problem) => `- ${vote.voter}: ${problem}`)),
    '',
    '## Tests',
    '',
    ...report.tests.tests.map(
      (test) => `- ${test.status}: ${test.name}${test.message === undefined ? '' : ` (${test.message})`}`,
    ),
    '',
  ];
  return lines.join('\n');
}

/** Writes `hfo_codegen/approval.json` and `approval.md`. */
export async function writeApprovalReport(cwd: string, report: ApprovalReport): Promise<string[]> {
  await mkdir(join(cwd, CODEGEN_DIR), { recursive: true });
  await writeFile(join(cwd, APPROVAL_JSON_PATH), `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  await writeFile(join(cwd, APPROVAL_MARKDOWN_PATH), renderApprovalMarkdown(report), 'utf8');
  return [APPROVAL_JSON_PATH, APPROVAL_MARKDOWN_PATH];
}
