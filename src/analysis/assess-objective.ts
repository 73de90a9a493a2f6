import { ANGLE_WORDS, angleOf, GENERIC_WORDS } from './objective-words.js';
import { splitIdentifier } from './split-identifier.js';
import type { WorkspaceVocabulary } from './workspace-vocabulary.js';

/** How an objective relates to a workspace. */
export interface ObjectiveAssessment {
  /** Words naming what the objective is about (identifiers split: `sessionToken` → session, token). */
  readonly subjectTerms: readonly string[];
  /** Lenses the objective asks for (`architecture`, `security`, `tests`, …). */
  readonly angles: readonly string[];
  /** Subject terms the workspace knows. */
  readonly matchedTerms: readonly string[];
  /** Subject terms found nowhere in the workspace. */
  readonly unmatchedTerms: readonly string[];
  /** Workspace names (symbols, files, folders) the matched terms expand to, most used first. */
  readonly expansions: readonly string[];
  /**
   * False when the objective names subjects and none occurs in the workspace: nothing relevant can
   * be found, and the engine must say so instead of reporting whatever its lenses match.
   */
  readonly relevant: boolean;
}

/** Identifiers and paths written in the objective (`createApp`, `src/router.ts`, `user_id`), kept whole. */
function identifiersIn(objective: string): string[] {
  return (objective.match(/[A-Za-z_$][\w$]*(?:[./-][\w$]+)+|[a-z]+[A-Z]\w*|[A-Za-z]+_\w+/g) ?? []).filter(
    (token) => token.length > 2,
  );
}

/** Objectives assessed per vocabulary kept (lanes of a mission, and the offline engine's calls, share one). */
const KEEP_OBJECTIVES = 32;

/**
 * Assessments per vocabulary: a vocabulary never changes once built (its maps are private to it),
 * so an objective assessed against it once has that answer for as long as it lives.
 */
const assessed = new WeakMap<WorkspaceVocabulary, Map<string, ObjectiveAssessment>>();

/**
 * Splits an objective into subject terms and angles and checks the subjects against the workspace.
 * The answer is frozen and shared: every lane of a mission (and every call of the offline engine)
 * asks about the same objective and vocabulary, and gets the one assessment computed first.
 */
export function assessObjective(objective: string, vocabulary: WorkspaceVocabulary): ObjectiveAssessment {
  let known = assessed.get(vocabulary);
  if (known === undefined) {
    known = new Map();
    assessed.set(vocabulary, known);
  }
  const found = known.get(objective);
  if (found !== undefined) return found;
  const assessment = freezeAssessment(computeAssessment(objective, vocabulary));
  if (known.size >= KEEP_OBJECTIVES) known.clear();
  known.set(objective, assessment);
  return assessment;
}

function freezeAssessment(assessment: ObjectiveAssessment): ObjectiveAssessment {
  for (const list of Object.values(assessment)) if (Array.isArray(list)) Object.freeze(list);
  return Object.freeze(assessment);
}

function computeAssessment(objective: string, vocabulary: WorkspaceVocabulary): ObjectiveAssessment {
  const words = splitIdentifier(objective).filter((word) => word.length > 2 && !/^\d+$/.test(word));
  const angles = new Set<string>();
  const subject: string[] = [];
  for (const word of words) {
    const angle = angleOf(word);
    if (angle !== undefined) angles.add(angle);
    else if (!GENERIC_WORDS.has(word) && !subject.includes(word)) subject.push(word);
  }
  const matched = subject.filter((word) => vocabulary.has(word));
  const expansions = new Set<string>(
    identifiersIn(objective).filter((token) => vocabulary.has(splitIdentifier(token)[0] ?? token)),
  );
  for (const word of matched) for (const name of vocabulary.expand(word, 8)) expansions.add(name);
  return {
    subjectTerms: subject,
    angles: [...angles].filter((angle) => angle in ANGLE_WORDS),
    matchedTerms: matched,
    unmatchedTerms: subject.filter((word) => !matched.includes(word)),
    expansions: [...expansions],
    relevant: subject.length === 0 ? words.length > 0 || angles.size > 0 : matched.length > 0,
  };
}

/** True when the objective asks about structure: it gets a module map in the digest. */
export function isArchitectureObjective(objective: string): boolean {
  return splitIdentifier(objective).some(
    (word) => angleOf(word) === 'architecture' || word === 'modules' || word === 'module',
  );
}
