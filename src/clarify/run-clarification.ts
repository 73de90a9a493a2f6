import type { MissionIntent } from '../contracts/index.js';
import { ClarifyError } from './clarify-error.js';
import type { AnsweredPass, ClarifyPass, ClarifyTopic } from './clarify-question.js';
import type { QuestionWriter } from './create-question-writer.js';
import { latestAnswers } from './shape-intent.js';

/**
 * Whoever answers: the terminal (the CLI's prompts), an answers file or the defaults. The
 * protocol never touches a terminal itself; only the host does, and only the CLI makes hosts that do.
 */
export interface ClarificationHost {
  /** One answer per question, in order. Throws `ClarifyError('INTENT_CLARIFY_CANCELLED')` on Ctrl-C. */
  answer(pass: ClarifyPass): Promise<string[]>;
  /** Shows the summary of the intent the answers made and asks for approval. */
  approve(summary: readonly string[], intent: MissionIntent): Promise<boolean>;
}

export interface RunClarificationOptions {
  /** At least this many passes before the approval prompt (`clarification_min_passes`). */
  minPasses: number;
  writeQuestions: QuestionWriter;
  host: ClarificationHost;
  /** The intent the passes so far make (see `shapeIntent`). */
  freeze(passes: readonly AnsweredPass[]): MissionIntent;
  summarize(intent: MissionIntent): string[];
  /** Latest answers of the intent being revised, the defaults of this clarification's questions. */
  earlierAnswers?: Readonly<Partial<Record<ClarifyTopic, string>>>;
  /** A bound on rejections, so a scripted host cannot loop for ever (default 20 passes). */
  maxPasses?: number;
  now?: () => Date;
}

/** The approved intent and every pass that led to it. */
export interface ClarificationOutcome {
  intent: MissionIntent;
  passes: AnsweredPass[];
}

/**
 * The Swarmlord's clarification: pass after pass of questions (written by the model, or the fixed
 * set) until at least `minPasses` are answered, then the summary and the approval prompt; a
 * rejection means another pass. Nothing is written here: the caller writes the intent and the
 * pass receipts once the human approved, so an interrupted clarification leaves no trace.
 */
export async function runClarification(options: RunClarificationOptions): Promise<ClarificationOutcome> {
  const now = options.now ?? (() => new Date());
  const maxPasses = options.maxPasses ?? 20;
  const passes: AnsweredPass[] = [];
  for (let number = 1; ; number += 1) {
    if (number > maxPasses) {
      throw new ClarifyError('INTENT_CLARIFY_TOO_MANY_PASSES', {
        message: `no approval after ${maxPasses} clarification passes; nothing written`,
      });
    }
    const defaults = { ...options.earlierAnswers, ...latestAnswers(passes) };
    const pass = await options.writeQuestions(number, passes, defaults);
    const answers = await options.host.answer(pass);
    const answered: AnsweredPass = {
      ...pass,
      answers: pass.questions.map((question, index) => {
        const given = (answers[index] ?? '').trim();
        return given === '' ? question.defaultAnswer : given;
      }),
      at: now().toISOString(),
    };
    passes.push(answered);
    if (passes.length < options.minPasses) continue;
    const intent = options.freeze(passes);
    const approved = await options.host.approve(options.summarize(intent), intent);
    answered.approved = approved;
    if (approved) return { intent: options.freeze(passes), passes };
  }
}
