import type { MissionIntent } from '../contracts/index.js';
import { ClarifyError } from './clarify-error.js';
import type { ClarifyPass } from './clarify-question.js';
import type { AnswersFile } from './load-answers-file.js';
import type { ClarificationHost } from './run-clarification.js';

/**
 * A host that answers from an `--answers` file (or, without one, takes every default: `--yes`)
 * and approves: a non-interactive clarification is approved by whoever wrote the answers. An answer
 * for a topic the fixed pass does not ask is an error at its file:line:col, not silently dropped.
 */
export function createScriptedHost(
  answers: AnswersFile | undefined,
  onSummary?: (summary: readonly string[], intent: MissionIntent) => void,
): ClarificationHost {
  return {
    async answer(pass: ClarifyPass) {
      const given = answers?.passes[pass.pass - 1];
      if (answers === undefined || given === undefined) return pass.questions.map(() => '');
      if ('inOrder' in given) return pass.questions.map((_, index) => given.inOrder[index] ?? '');
      const asked = pass.questions.map((question) => question.topic);
      if (pass.source === 'fixed') {
        const stray = Object.keys(given.byTopic).filter((topic) => !asked.includes(topic as never));
        if (stray.length > 0) {
          const topic = stray[0] as string;
          const location = answers.locate([pass.pass - 1, topic]);
          throw new ClarifyError('INTENT_ANSWERS_INVALID', {
            problems: [
              {
                file: answers.file,
                line: location.line,
                column: location.column,
                field: `passes[${pass.pass - 1}].${topic}`,
                message: `pass ${pass.pass} asks about ${asked.join(', ')}; '${topic}' is not one of them`,
              },
            ],
          });
        }
      }
      return pass.questions.map((question) => given.byTopic[question.topic] ?? '');
    },
    async approve(summary, intent) {
      onSummary?.(summary, intent);
      return true;
    },
  };
}
