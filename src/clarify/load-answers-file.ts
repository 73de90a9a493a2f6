import { readFile } from 'node:fs/promises';
import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { IntentProblem } from '../intent/index.js';
import { formatFieldPath, locateYamlPath } from '../intent/index.js';
import { ClarifyError } from './clarify-error.js';
import { CLARIFY_TOPICS, type ClarifyTopic } from './clarify-question.js';

/** The answers of one pass: by topic, or in question order. */
export type PassAnswers = { byTopic: Partial<Record<ClarifyTopic, string>> } | { inOrder: string[] };

/** A parsed `--answers` file, with where each pass's answers are in it. */
export interface AnswersFile {
  file: string;
  passes: PassAnswers[];
  /** Locates a field of the file for an error message, e.g. `['passes', 1, 'scope']`. */
  locate(path: readonly PropertyKey[]): { line: number; column: number };
}

/** What an answers file looks like, for `--help` and error messages. */
export const ANSWERS_FILE_EXAMPLE = `passes:
  - scope: src/**
    out_of_scope: src/legacy/**, test/**
  - success_criteria: names the module that verifies webhooks; lists its callers
    evidence: file and line citations
  - constraints: read-only
    risks: replayed webhooks
    output: a short list`;

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  return node.value === null ? '' : String(node.value);
}

function problemAt(
  file: string,
  document: Document,
  lineCounter: LineCounter,
  path: PropertyKey[],
  message: string,
): IntentProblem {
  const location = locateYamlPath(document, path, lineCounter);
  return {
    file,
    line: location.line,
    column: location.column,
    field: formatFieldPath(path) || 'yaml',
    message,
  };
}

/**
 * Reads an `--answers` file: `passes:` (or the document itself) is a list with one entry per
 * pass, each a map of topic → answer (`scope`, `out_of_scope`, `success_criteria`, `evidence`,
 * `constraints`, `risks`, `output`, `other`) or a list of answers in question order. A missing
 * pass or answer takes the question's default. Every problem is reported at file:line:col.
 *
 * @throws {ClarifyError} `INTENT_ANSWERS_NOT_FOUND`, `INTENT_ANSWERS_INVALID`.
 */
export async function loadAnswersFile(path: string, file: string = path): Promise<AnswersFile> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ClarifyError('INTENT_ANSWERS_NOT_FOUND', {
      message: `answers file ${error.code === 'EISDIR' ? 'is a directory' : 'not found'}: ${file}`,
      cause: error,
    });
  });
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const problems: IntentProblem[] = document.errors.map((error) => {
    const position = lineCounter.linePos(error.pos[0]);
    return {
      file,
      line: position.line,
      column: position.col,
      field: 'yaml',
      message: error.message.split('\n')[0] ?? 'invalid YAML',
    };
  });
  if (problems.length > 0) throw new ClarifyError('INTENT_ANSWERS_INVALID', { problems });
  const root = document.contents;
  const listPath: PropertyKey[] = isMap(root) ? ['passes'] : [];
  const list = isMap(root) ? root.get('passes', true) : root;
  if (isMap(root)) {
    for (const pair of root.items) {
      const key = scalarText(pair.key);
      if (key !== 'passes')
        problems.push(
          problemAt(
            file,
            document,
            lineCounter,
            [key ?? ''],
            "unknown field (an answers file has only 'passes')",
          ),
        );
    }
  }
  if (!isSeq(list)) {
    problems.push(problemAt(file, document, lineCounter, listPath, 'must be a list with one entry per pass'));
    throw new ClarifyError('INTENT_ANSWERS_INVALID', { problems });
  }
  const passes: PassAnswers[] = [];
  list.items.forEach((item, index) => {
    const at = [...listPath, index];
    if (isSeq(item)) {
      const inOrder = item.items.map((answer, position) => {
        const value = scalarText(answer);
        if (value === undefined)
          problems.push(problemAt(file, document, lineCounter, [...at, position], 'must be a text answer'));
        return value ?? '';
      });
      passes.push({ inOrder });
    } else if (isMap(item)) {
      const byTopic: Partial<Record<ClarifyTopic, string>> = {};
      for (const pair of item.items) {
        const topic = scalarText(pair.key) ?? '';
        const value = scalarText(pair.value);
        if (!(CLARIFY_TOPICS as readonly string[]).includes(topic)) {
          problems.push(
            problemAt(
              file,
              document,
              lineCounter,
              [...at, topic],
              `unknown topic (topics: ${CLARIFY_TOPICS.join(', ')})`,
            ),
          );
        } else if (value === undefined) {
          problems.push(problemAt(file, document, lineCounter, [...at, topic], 'must be a text answer'));
        } else byTopic[topic as ClarifyTopic] = value;
      }
      passes.push({ byTopic });
    } else {
      problems.push(
        problemAt(file, document, lineCounter, at, 'must be a map of topic: answer, or a list of answers'),
      );
    }
  });
  if (problems.length > 0) throw new ClarifyError('INTENT_ANSWERS_INVALID', { problems });
  return {
    file,
    passes,
    locate: (path) => locateYamlPath(document, [...listPath, ...path], lineCounter),
  };
}
