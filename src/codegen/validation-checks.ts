import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPlaceholders } from '../verify/index.js';
import { checkDrift } from './check-drift.js';
import type { GenerationContext } from './generation-context.js';
import { agentModulePath } from './render-agent-module.js';
import { resolveToolScript, runNodeScript } from './run-tool.js';
import { tsString } from './ts-literal.js';

/** One voter's result in the approval report. */
export interface ValidationVote {
  voter: string;
  /** Deterministic checks cannot be overruled by judges. */
  deterministic: boolean;
  passed: boolean;
  summary: string;
  problems: string[];
}

/** The generated tests as vitest ran them. */
export interface TestRunSummary {
  passed: number;
  failed: number;
  skipped: number;
  tests: { name: string; status: string; message?: string }[];
}

const TSC = 'typescript/bin/tsc';
const VITEST = 'vitest/vitest.mjs';

function missingTool(voter: string, name: string): ValidationVote {
  return {
    voter,
    deterministic: true,
    passed: false,
    summary: `${name} is not installed in the project (npm install --save-dev ${name})`,
    problems: [`${name} not found`],
  };
}

/** `tsc -p agents/tsconfig.json`: the generated agents and tests type-check. */
export async function typeCheckVote(cwd: string, env: NodeJS.ProcessEnv): Promise<ValidationVote> {
  const script = resolveToolScript(cwd, TSC);
  if (script === undefined) return missingTool('type-check', 'typescript');
  const run = await runNodeScript(script, ['-p', 'agents/tsconfig.json', '--pretty', 'false'], cwd, env);
  const problems = `${run.stdout}${run.stderr}`.split('\n').filter((line) => /error TS\d+/.test(line));
  return {
    voter: 'type-check',
    deterministic: true,
    passed: run.code === 0,
    summary: run.code === 0 ? 'the generated TypeScript type-checks' : `${problems.length} type error(s)`,
    problems: run.code === 0 ? [] : problems.length > 0 ? problems : [run.stderr.trim() || run.stdout.trim()],
  };
}

/** Runs the generated tests (`agents/`) with vitest and reads its JSON report. */
export async function runGeneratedTests(
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ vote: ValidationVote; summary: TestRunSummary }> {
  const empty: TestRunSummary = { passed: 0, failed: 0, skipped: 0, tests: [] };
  const script = resolveToolScript(cwd, VITEST);
  if (script === undefined) return { vote: missingTool('tests', 'vitest'), summary: empty };
  const scratch = await mkdtemp(join(tmpdir(), 'swarmlord-validate-'));
  const toolCache = join(cwd, 'agents', 'node_modules');
  const hadToolCache = existsSync(toolCache);
  try {
    const output = join(scratch, 'report.json');
    // --root agents: the project's own vitest config (if any) must not filter the generated tests out.
    const run = await runNodeScript(
      script,
      ['run', '--root', 'agents', '--reporter=json', `--outputFile=${output}`],
      cwd,
      env,
    );
    const text = await readFile(output, 'utf8').catch(() => undefined);
    if (text === undefined) {
      const reason = run.stderr.trim().split('\n').slice(-5).join(' ') || 'vitest wrote no report';
      return {
        vote: { voter: 'tests', deterministic: true, passed: false, summary: reason, problems: [reason] },
        summary: empty,
      };
    }
    const report = JSON.parse(text) as {
      testResults: { assertionResults: { fullName: string; status: string; failureMessages?: string[] }[] }[];
    };
    const tests = report.testResults.flatMap((file) =>
      file.assertionResults.map((test) => ({
        name: test.fullName,
        status: test.status,
        ...(test.failureMessages?.[0] === undefined
          ? {}
          : { message: test.failureMessages[0].split('\n')[0] ?? '' }),
      })),
    );
    const summary: TestRunSummary = {
      passed: tests.filter((test) => test.status === 'passed').length,
      failed: tests.filter((test) => test.status === 'failed').length,
      skipped: tests.filter((test) => test.status !== 'passed' && test.status !== 'failed').length,
      tests,
    };
    const passed = run.code === 0 && summary.failed === 0 && summary.passed > 0;
    return {
      vote: {
        voter: 'tests',
        deterministic: true,
        passed,
        summary: `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped (skipped: need a recording or a model)`,
        problems: tests
          .filter((test) => test.status === 'failed')
          .map((test) => `${test.name}: ${test.message ?? 'failed'}`),
      },
      summary,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
    // vitest keeps its cache under the root it ran in; leave the generated folder as it was.
    if (!hadToolCache) await rm(toolCache, { recursive: true, force: true });
  }
}

/** No placeholder text (TODO, stubs, lorem ipsum, elisions) in any generated file. */
export async function placeholderVote(cwd: string, paths: readonly string[]): Promise<ValidationVote> {
  const problems: string[] = [];
  for (const path of paths) {
    const text = await readFile(join(cwd, path), 'utf8').catch(() => '');
    for (const marker of findPlaceholders(text)) problems.push(`${path}: ${marker}`);
  }
  return {
    voter: 'placeholder-ban',
    deterministic: true,
    passed: problems.length === 0,
    summary:
      problems.length === 0
        ? `no placeholder text in ${paths.length} generated files`
        : `${problems.length} placeholder(s)`,
    problems,
  };
}

/** Every requirement of every generated agent is in its module: name and text, as the model states them. */
export async function traceabilityVote(context: GenerationContext): Promise<ValidationVote> {
  const problems: string[] = [];
  let count = 0;
  for (const agent of context.projectAgents) {
    const path = agentModulePath(agent);
    const text = await readFile(join(context.cwd, path), 'utf8').catch(() => undefined);
    if (text === undefined) {
      problems.push(`${agent.name}: no module ${path}`);
      continue;
    }
    for (const criterion of context.ssot.registry.criteriaFor(agent.qualifiedName)) {
      count += 1;
      if (!text.includes(tsString(criterion.name)) || !text.includes(tsString(criterion.text))) {
        problems.push(`${agent.name}.${criterion.name}: not traced in ${path}`);
      }
    }
  }
  return {
    voter: 'traceability',
    deterministic: true,
    passed: problems.length === 0,
    summary:
      problems.length === 0
        ? `${count} requirement(s) traced to code`
        : `${problems.length} requirement(s) not traced`,
    problems,
  };
}

/** `ssot drift` is clean: no hand edits, stale or unexplained files. */
export async function driftVote(context: GenerationContext): Promise<ValidationVote> {
  const findings = await checkDrift(context);
  return {
    voter: 'drift',
    deterministic: true,
    passed: findings.length === 0,
    summary: findings.length === 0 ? 'drift clean' : `${findings.length} drift finding(s)`,
    problems: findings.map((finding) => `${finding.kind} ${finding.path}: ${finding.detail}`),
  };
}
