import type { ClarifyQuestion, ClarifyTopic } from './clarify-question.js';

const PASS_QUESTIONS: readonly (readonly Omit<ClarifyQuestion, 'defaultAnswer'>[])[] = [
  [
    {
      topic: 'scope',
      text: 'Which files or folders are in scope? Globs or paths, comma-separated (empty: the whole workspace).',
    },
    {
      topic: 'out_of_scope',
      text: 'What is out of scope? Globs or paths to leave out, e.g. test/**, docs (empty: nothing more).',
    },
  ],
  [
    {
      topic: 'success_criteria',
      text: 'What must the digest establish for the mission to succeed? One criterion per line or per ";" (empty: none beyond grounding).',
    },
    {
      topic: 'evidence',
      text: 'What evidence do you expect for it, e.g. file and line citations, metrics (empty: none beyond grounding)?',
    },
  ],
  [
    { topic: 'constraints', text: 'Constraints: what must the swarm not do or assume?' },
    { topic: 'risks', text: 'Which risks matter most to you?' },
    {
      topic: 'output',
      text: 'What shape should the output take (the digest always has BLUF, matrix, diagram, notes)?',
    },
  ],
];

/**
 * The built-in questions of a pass, used when no model is configured: 1 scope and what is out of
 * scope, 2 success criteria and expected evidence, 3 constraints, risks and output shape. Passes
 * after the third (after a rejection) ask the same sets again in turn, as revisions, so a rejected
 * summary can be corrected where it went wrong. Defaults are the latest earlier answer per topic.
 *
 * @example
 * fixedQuestions(1, {}) // [{ topic: 'scope', … }, { topic: 'out_of_scope', … }]
 */
export function fixedQuestions(
  pass: number,
  earlier: Readonly<Partial<Record<ClarifyTopic, string>>>,
): ClarifyQuestion[] {
  const set = PASS_QUESTIONS[(pass - 1) % PASS_QUESTIONS.length] ?? [];
  const revising = pass > PASS_QUESTIONS.length;
  return set.map((question) => ({
    ...question,
    text: revising ? `Revise: ${question.text}` : question.text,
    defaultAnswer: earlier[question.topic] ?? '',
  }));
}
