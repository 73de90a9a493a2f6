import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { humanizeZodIssue, locateYamlPath } from '../intent/index.js';
import { defaultExecutionPolicy } from './default-policy.js';
import type { Charter, EffectivePolicy, ExecutionPolicy, PolicySource } from './execution-policy.js';
import { CharterSchema } from './execution-policy.js';
import { findCharterBlock } from './find-charter-block.js';
import type { PolicyProblem } from './policy-error.js';
import { PolicyError } from './policy-error.js';

/** The file the execution policy lives in, in the working directory (seed 000: the Swarmlord charter). */
export const CHARTER_FILE = 'AGENTS.md';

function fieldPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(charter)' : path.map(String).join('.');
}

/**
 * Reads the execution policy from `<cwd>/AGENTS.md`: the fenced YAML block under the heading
 * "Swarmlord charter", validated (unknown keys are errors), laid over the shipped defaults. Each
 * value of the result names its source. No file or no charter block: the defaults, with a note.
 *
 * @throws {PolicyError} `POLICY_INVALID` with one `AGENTS.md:line:col field: message` problem per issue
 */
export async function loadExecutionPolicy(cwd: string): Promise<EffectivePolicy> {
  const path = join(cwd, CHARTER_FILE);
  let markdown: string;
  try {
    markdown = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') {
      return withDefaults(undefined, `no ${CHARTER_FILE} in ${cwd}: the shipped defaults apply`);
    }
    throw new PolicyError('POLICY_UNREADABLE', { message: `${path} cannot be read`, cause: error });
  }
  return parseExecutionPolicy(markdown, CHARTER_FILE);
}

/** {@link loadExecutionPolicy} over text already read; `file` names it in problems and sources. */
export function parseExecutionPolicy(markdown: string, file: string): EffectivePolicy {
  const block = findCharterBlock(markdown);
  if (block === undefined) {
    return withDefaults(
      file,
      `${file} has no fenced yaml block under a "Swarmlord charter" heading: the shipped defaults apply`,
    );
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(block.yaml, { lineCounter, prettyErrors: false });
  // Positions in the block shift by the lines above it; columns are already the file's.
  const at = (line: number, column: number) => ({ file, line: line + block.firstLine - 1, column });
  const problems: PolicyProblem[] = document.errors.map((error) => {
    const position = error.linePos?.[0] ?? { line: 1, col: 1 };
    return {
      ...at(position.line, position.col),
      field: '(charter)',
      message: error.message.split('\n')[0] ?? 'invalid YAML',
    };
  });
  if (problems.length > 0) throw new PolicyError('POLICY_INVALID', { problems });
  const raw: unknown = document.toJS() ?? {};
  const parsed = CharterSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    throw new PolicyError('POLICY_INVALID', {
      problems: parsed.error.issues.map((issue) => {
        const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
        const location = locateYamlPath(document, path, lineCounter);
        return {
          ...at(location.line, location.column),
          field: fieldPath(path),
          message: humanizeZodIssue(issue as z.core.$ZodRawIssue) ?? issue.message,
        };
      }),
    });
  }
  const sourceOf = (path: readonly PropertyKey[]): PolicySource => {
    const location = locateYamlPath(document, path, lineCounter);
    const where = at(location.line, location.column);
    return `${where.file}:${where.line}:${where.column}`;
  };
  return merge(parsed.data, sourceOf, file, isMap(document.contents) || isSeq(document.contents));
}

function withDefaults(file: string | undefined, note: string): EffectivePolicy {
  const policy = defaultExecutionPolicy();
  return { policy, sources: defaultSources(policy), file, note };
}

function defaultSources(policy: ExecutionPolicy): Record<string, PolicySource> {
  const sources: Record<string, PolicySource> = {};
  for (const role of Object.keys(policy.authority)) sources[`authority.${role}`] = 'default';
  sources.commands = 'default';
  sources['mcp.servers'] = 'default';
  for (const key of Object.keys(policy.guardrails)) sources[`guardrails.${key}`] = 'default';
  return sources;
}

/** The charter over the defaults: a role's list, the command list and the server list replace; guardrails per key. */
function merge(
  charter: Charter,
  sourceOf: (path: readonly PropertyKey[]) => PolicySource,
  file: string,
  hasContent: boolean,
): EffectivePolicy {
  const policy = defaultExecutionPolicy();
  const sources = defaultSources(policy);
  for (const [role, tools] of Object.entries(charter.authority ?? {})) {
    policy.authority[role] = tools;
    sources[`authority.${role}`] = sourceOf(['authority', role]);
  }
  if (charter.commands !== undefined) {
    policy.commands = charter.commands;
    sources.commands = sourceOf(['commands']);
  }
  if (charter.mcp !== undefined) {
    policy.mcp = { servers: charter.mcp.servers };
    sources['mcp.servers'] = sourceOf(['mcp', 'servers']);
  }
  for (const [key, value] of Object.entries(charter.guardrails ?? {})) {
    if (value === undefined) continue;
    (policy.guardrails as unknown as Record<string, unknown>)[key] = value;
    sources[`guardrails.${key}`] = sourceOf(['guardrails', key]);
  }
  return {
    policy,
    sources,
    file,
    ...(hasContent ? {} : { note: `the charter block in ${file} is empty: the shipped defaults apply` }),
  };
}
