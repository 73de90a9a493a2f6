import type { Clarification, MissionCriterion, MissionIntent } from '../contracts/index.js';
import { MISSION_CRITERIA_VALIDATOR } from '../contracts/index.js';
import type { AnsweredPass, ClarifyTopic } from './clarify-question.js';

/** The latest answer per topic over the passes (later passes revise earlier ones). */
export function latestAnswers(passes: readonly AnsweredPass[]): Partial<Record<ClarifyTopic, string>> {
  const latest: Partial<Record<ClarifyTopic, string>> = {};
  for (const pass of passes)
    pass.questions.forEach((question, index) => {
      latest[question.topic] = pass.answers[index] ?? '';
    });
  return latest;
}

/**
 * The globs in a scope answer. A token is a glob when it has `*`, `/` or `{`, or when it names a
 * path that exists in the workspace (`src`, `README.md`); other words (`everything`, `except`)
 * are prose and are left out, so "the whole workspace" restricts nothing. The summary shows the
 * globs taken, so a misreading is seen before approval.
 */
export function parseScopeAnswer(answer: string, pathExists: (path: string) => boolean): string[] {
  const globs: string[] = [];
  for (const raw of answer.split(/[\s,;]+/)) {
    const token = raw.replace(/^["'`(]+|["'`).:]+$/g, '');
    if (token === '' || token.includes('://')) continue;
    const glob = /[*/{]/.test(token) || pathExists(token.replace(/^\.\//, ''));
    if (glob && !globs.includes(token)) globs.push(token);
  }
  return globs;
}

/** Criteria from the success-criteria answer (one per line, `;` or sentence) and the expected evidence. */
export function parseCriteria(success: string | undefined, evidence: string | undefined): MissionCriterion[] {
  const items = (success ?? '')
    .split(/\n|;|(?<=\.)\s+(?=[A-Z])/)
    .map((item) => item.trim())
    .filter((item) => item.length >= 3);
  const criteria = items.map((text, index) => ({ name: `success-${index + 1}`, text }));
  const expected = (evidence ?? '').trim();
  if (expected.length >= 3) criteria.push({ name: 'evidence', text: `evidence expected: ${expected}` });
  return criteria;
}

/** Every question and answer of the passes, in order, as the intent records them. */
export function toClarifications(passes: readonly AnsweredPass[]): Clarification[] {
  return passes.flatMap((pass) =>
    pass.questions.map((question, index) => ({
      pass: pass.pass,
      topic: question.topic,
      question: question.text,
      answer: pass.answers[index] ?? '',
    })),
  );
}

/**
 * The intent the answers make from a base (the defaults, or the intent being revised): scope
 * answers become `scope.include` / `scope.exclude`, success criteria and expected evidence become
 * `criteria`, checked by the `mission_criteria` validator, which joins the quorum while there are
 * criteria. A topic no pass asked about keeps the base's value. Every Q&A is in `clarifications`.
 */
export function shapeIntent(
  base: MissionIntent,
  passes: readonly AnsweredPass[],
  pathExists: (path: string) => boolean,
): MissionIntent {
  const latest = latestAnswers(passes);
  const scope = {
    include: latest.scope === undefined ? base.scope.include : parseScopeAnswer(latest.scope, pathExists),
    exclude:
      latest.out_of_scope === undefined
        ? base.scope.exclude
        : parseScopeAnswer(latest.out_of_scope, pathExists),
  };
  const asked = latest.success_criteria !== undefined || latest.evidence !== undefined;
  const criteria = asked ? parseCriteria(latest.success_criteria, latest.evidence) : base.criteria;
  const others = base.quorum.validators.filter((name) => name !== MISSION_CRITERIA_VALIDATOR);
  const validators = criteria.length > 0 ? [...others, MISSION_CRITERIA_VALIDATOR] : others;
  return {
    ...base,
    scope,
    criteria,
    quorum: { validators, threshold: Math.min(base.quorum.threshold, validators.length) },
    clarifications: toClarifications(passes),
  };
}

/** The latest answer per topic of an intent's recorded clarifications (those with a topic). */
export function answersFromClarifications(
  clarifications: readonly Clarification[],
): Partial<Record<ClarifyTopic, string>> {
  const latest: Partial<Record<ClarifyTopic, string>> = {};
  for (const entry of clarifications)
    if (entry.topic !== undefined) latest[entry.topic as ClarifyTopic] = entry.answer;
  return latest;
}
