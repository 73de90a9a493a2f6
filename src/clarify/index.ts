export { clarificationReceipts } from './clarification-receipts.js';
export type { ClarifyErrorCode } from './clarify-error.js';
export { ClarifyError } from './clarify-error.js';
export type { ClarifyInput, ClarifyOutput } from './clarify-output-schema.js';
export { ClarifyOutputSchema, ModelQuestionSchema } from './clarify-output-schema.js';
export type { AnsweredPass, ClarifyPass, ClarifyQuestion, ClarifyTopic } from './clarify-question.js';
export { CLARIFY_TOPICS } from './clarify-question.js';
export type { QuestionWriter, QuestionWriterOptions } from './create-question-writer.js';
export { CLARIFY_INSTRUCTIONS, createQuestionWriter } from './create-question-writer.js';
export { createScriptedHost } from './create-scripted-host.js';
export { fixedQuestions } from './fixed-questions.js';
export type { AnswersFile, PassAnswers } from './load-answers-file.js';
export { ANSWERS_FILE_EXAMPLE, loadAnswersFile } from './load-answers-file.js';
export type { WorkspaceBrief } from './perceive-workspace-brief.js';
export { perceiveWorkspaceBrief } from './perceive-workspace-brief.js';
export type {
  ClarificationHost,
  ClarificationOutcome,
  RunClarificationOptions,
} from './run-clarification.js';
export { runClarification } from './run-clarification.js';
export {
  answersFromClarifications,
  latestAnswers,
  parseCriteria,
  parseScopeAnswer,
  shapeIntent,
  toClarifications,
} from './shape-intent.js';
export type { SummaryModelChoice } from './summarize-intent.js';
export { summarizeIntent } from './summarize-intent.js';
