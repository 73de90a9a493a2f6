import type { Readable, Writable } from 'node:stream';
import type { ClarificationHost } from '../clarify/index.js';
import { ClarifyError } from '../clarify/index.js';
import type { CliIo } from './cli-io.js';

/** The prompt library, loaded when a terminal is actually asked (not for `--yes` or `--answers`). */
const loadPrompts = () => import('@clack/prompts');

function cancelled(io: CliIo, cancel: (message: string, options: { output: Writable }) => void): never {
  cancel('Clarification cancelled: nothing written.', { output: io.stderr as Writable });
  throw new ClarifyError('INTENT_CLARIFY_CANCELLED', { message: 'clarification cancelled; nothing written' });
}

/**
 * The terminal host of a clarification (`@clack/prompts`): one text prompt per question, then the
 * summary and a yes/no approval. Prompts are drawn on stderr, so stdout stays the command's own
 * output. Ctrl-C at any prompt cancels: nothing has been written yet, and the command exits 130.
 */
export function createTtyClarificationHost(io: CliIo, minPasses: number): ClarificationHost {
  const input = (io.stdin ?? process.stdin) as Readable;
  const output = io.stderr as Writable;
  return {
    async answer(pass) {
      const { cancel, isCancel, log, text } = await loadPrompts();
      const heading = `Clarification pass ${pass.pass}${pass.pass <= minPasses ? ` of ${minPasses}` : ' (after a rejection)'}`;
      const origin =
        pass.source === 'model' ? `questions by ${pass.model ?? 'the model'}` : 'fixed questions';
      log.step(`${heading} — ${origin}`, { output });
      if (pass.note !== undefined) log.warn(pass.note, { output });
      const answers: string[] = [];
      for (const question of pass.questions) {
        const answer = await text({
          message: question.text,
          placeholder: question.defaultAnswer === '' ? '(empty)' : question.defaultAnswer,
          defaultValue: question.defaultAnswer,
          input,
          output,
        });
        if (isCancel(answer)) cancelled(io, cancel);
        answers.push(answer);
      }
      return answers;
    },
    async approve(summary) {
      const { cancel, confirm, isCancel, note } = await loadPrompts();
      note(summary.join('\n'), 'Mission intent', { output });
      const approved = await confirm({
        message: 'Approve this intent and write it? (No: another clarification pass)',
        input,
        output,
      });
      if (isCancel(approved)) cancelled(io, cancel);
      return approved;
    },
  };
}
