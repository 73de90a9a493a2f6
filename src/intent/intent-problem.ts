/** One thing wrong with a mission intent file, located in the YAML text. */
export interface IntentProblem {
  /** The file name as the user gave it. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** Dotted field path, e.g. `quorum.threshold` or `clarifications[0].answer`; `yaml` for syntax errors. */
  field: string;
  /** A human sentence, e.g. `must be a number, got "two"`. */
  message: string;
}

/** One line per problem: `file:line:col field.path: message`, the shape editors and CI annotate. */
export function formatIntentProblem(problem: IntentProblem): string {
  return `${problem.file}:${problem.line}:${problem.column} ${problem.field}: ${problem.message}`;
}

/**
 * Renders a zod/YAML path as the user reads it: keys dotted, list indexes bracketed
 * (`clarifications[0].answer`); the document itself is `(root)`.
 */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? '(root)' : text;
}
