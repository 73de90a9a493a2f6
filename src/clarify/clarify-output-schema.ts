import { z } from 'zod';
import { CLARIFY_TOPICS } from './clarify-question.js';
import type { WorkspaceBrief } from './perceive-workspace-brief.js';

/** One question as the model writes it. */
export const ModelQuestionSchema = z.object({
  topic: z
    .enum(CLARIFY_TOPICS)
    .describe(
      'what the answer decides: scope, out_of_scope, success_criteria, evidence, constraints, risks, output, other',
    ),
  text: z
    .string()
    .min(1)
    .max(400)
    .describe('the question, one sentence, specific to this objective and workspace'),
  default_answer: z.string().max(400).optional().describe('a sensible answer the human can accept as is'),
});

/**
 * The answer of the `clarify` task: the questions of one pass (1 to 4). A bare string is accepted
 * as a question of topic `other`, because small models often answer with plain strings.
 */
export const ClarifyOutputSchema = z.object({
  questions: z
    .array(z.union([ModelQuestionSchema, z.string().min(1).max(400)]))
    .min(1)
    .max(4),
});

export type ClarifyOutput = z.infer<typeof ClarifyOutputSchema>;

/** Structured input of the `clarify` task. */
export interface ClarifyInput {
  objective: string;
  /** 1-based number of the pass to write. */
  pass: number;
  /** Passes required before the intent can be approved. */
  minPasses: number;
  /** What the pass should cover (the fixed set's topics for this pass), as a hint. */
  focus: string[];
  workspace: WorkspaceBrief;
  /** Every earlier question and answer, in order. */
  earlier: { pass: number; topic: string; question: string; answer: string }[];
}
