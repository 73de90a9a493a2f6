import { LineCounter, parseDocument } from 'yaml';
import { redactSecrets } from '../blackboard/redact-secrets.js';
import { type MissionIntent, MissionIntentSchema } from '../contracts/mission-intent.js';
import { findComplexKeys, findExcessiveNesting, lineAndColumn, positionOf } from './check-yaml-shape.js';
import { findUnimplementedFields } from './find-unimplemented-fields.js';
import { findUnknownKeys } from './find-unknown-keys.js';
import { humanizeZodIssue } from './humanize-zod-issue.js';
import { formatFieldPath, type IntentProblem } from './intent-problem.js';
import { locateYamlPath } from './locate-yaml-path.js';

/** The outcome of parsing an intent: the validated intent, or every problem found. */
export type IntentParseResult =
  | { ok: true; intent: MissionIntent }
  | { ok: false; problems: IntentProblem[] };

function byPosition(left: IntentProblem, right: IntentProblem): number {
  return left.line - right.line || left.column - right.column || left.field.localeCompare(right.field);
}

function syntaxProblems(
  errors: ReadonlyArray<{ message: string; pos: [number, number] }>,
  lineCounter: LineCounter,
  file: string,
): IntentProblem[] {
  return errors.map((error) => {
    const position = lineCounter.linePos(error.pos[0]);
    // Keep one line per problem: some yaml messages carry a source excerpt after a newline.
    const message = error.message.split('\n')[0]?.trim() ?? 'invalid YAML';
    return { file, line: position.line, column: position.col, field: 'yaml', message };
  });
}

/**
 * Parses and validates mission intent YAML. Never throws: YAML syntax errors, schema violations and
 * unknown fields all come back as located problems (`file:line:col field.path: message` once
 * formatted), all of them at once so the user fixes the file in one go.
 *
 * @param text the YAML source
 * @param file the name to put in problem locations (as the user typed it)
 * @example
 * const result = parseIntentYaml(source, 'mission.yml');
 * if (!result.ok) console.error(result.problems.map(formatIntentProblem).join('\n'));
 */
export function parseIntentYaml(text: string, file: string): IntentParseResult {
  const lineCounter = new LineCounter();
  // Depth first, on the raw text: the parser's cost grows with the nesting, the scan's does not.
  const tooDeep = findExcessiveNesting(text);
  if (tooDeep !== undefined) {
    const at = lineAndColumn(text, tooDeep.offset);
    return { ok: false, problems: [{ file, ...at, field: 'yaml', message: tooDeep.message }] };
  }
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    // The tree is unreliable after a syntax error, so schema checks would only add noise.
    return { ok: false, problems: syntaxProblems(document.errors, lineCounter, file) };
  }
  let data: unknown;
  try {
    data = document.toJS();
  } catch (error) {
    // toJS refuses alias bombs and similar; report it like a syntax error rather than crash.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ file, line: 1, column: 1, field: 'yaml', message }] };
  }

  const problems: IntentProblem[] = findComplexKeys(document.contents).map((problem) => ({
    file,
    ...positionOf(lineCounter, problem.offset),
    field: 'yaml',
    message: problem.message,
  }));
  for (const unknown of findUnknownKeys(MissionIntentSchema, document.contents)) {
    const location = locateYamlPath(document, unknown.path, lineCounter);
    const hint = unknown.suggestion === undefined ? '' : ` (did you mean '${unknown.suggestion}'?)`;
    problems.push({
      file,
      line: location.line,
      column: location.column,
      field: formatFieldPath(unknown.path),
      message: `unknown field${hint}`,
    });
  }

  const parsed = MissionIntentSchema.safeParse(data, { error: humanizeZodIssue });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const location = locateYamlPath(document, issue.path, lineCounter);
      problems.push({
        file,
        line: location.line,
        column: location.column,
        field: formatFieldPath(issue.path),
        message: issue.message,
      });
    }
  }
  if (parsed.success) {
    for (const field of findUnimplementedFields(parsed.data)) {
      const location = locateYamlPath(document, field.path, lineCounter);
      problems.push({
        file,
        line: location.line,
        column: location.column,
        field: formatFieldPath(field.path),
        message: field.message,
      });
    }
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: problems.sort(byPosition) };
  // Secrets in an objective or a path would reach every receipt, digest and prompt: redacted here, once.
  return { ok: true, intent: redactSecrets(parsed.data) };
}
