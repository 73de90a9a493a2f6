/**
 * What a clarifying question is about. The topic decides how its answer shapes the intent: scope
 * answers become `scope` globs, success criteria and expected evidence become `criteria`; the
 * others are recorded for the run's record.
 */
export const CLARIFY_TOPICS = [
  'scope',
  'out_of_scope',
  'success_criteria',
  'evidence',
  'constraints',
  'risks',
  'output',
  'other',
] as const;

export type ClarifyTopic = (typeof CLARIFY_TOPICS)[number];

/** One question the Swarmlord asks. */
export interface ClarifyQuestion {
  topic: ClarifyTopic;
  text: string;
  /** The answer taken by `--yes`, a missing answer, or an empty reply (shown as the placeholder). */
  defaultAnswer: string;
}

/** The questions of one pass and who wrote them. */
export interface ClarifyPass {
  /** 1-based. */
  pass: number;
  /** `model`: written by the Swarmlord's model; `fixed`: the built-in set for this pass. */
  source: 'model' | 'fixed';
  /** The model's label, when `source` is `model`. */
  model?: string;
  /** Why fixed questions were used although a model is configured (its error). */
  note?: string;
  questions: ClarifyQuestion[];
}

/** A pass with the human's answers (one per question, in order). */
export interface AnsweredPass extends ClarifyPass {
  answers: string[];
  /** When the answers were given (UTC ISO 8601). */
  at: string;
  /** Set on the pass that ended with the approval prompt: the human's decision. */
  approved?: boolean;
}
