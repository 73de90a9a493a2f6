import { ANGLE_WORDS, angleOf, GENERIC_WORDS } from './objective-words.js';
import { splitIdentifier } from './split-identifier.js';
import type { WorkspaceVocabulary } from './workspace-vocabulary.js';

/** How an objective relates to a workspace. */
export interface ObjectiveAssessment {
  /** Words naming what the objective is about (identifiers split: `sessionToken` → session, token). */
  subjectTerms: string[];
  /** Lenses the objective asks for (`architecture`, `security`, `tests`, …). */
  angles: string[];
  /** Subject terms the workspace knows. */
  matchedTerms: string[];
  /** Subject terms found nowhere in the workspace. */
  unmatchedTerms: string[];
  /** Workspace names (symbols, files, folders) the matched terms expand to, most used first. */
  expansions: string[];
  /**
   * False when the objective names subjects and none occurs in the workspace: nothing relevant can
   * be found, and the engine must say so instead of reporting whatever its lenses match.
   */
  relevant: boolean;
}

/** Identifiers and paths written in the objective (`createApp`, `src/router.ts`, `user_id`), kept whole. */
function identifiersIn(objective: string): string[] {
  return (objective.match(/[A-Za-z_$][\w$]*(?:[./-][\w$]+)+|[a-z]+[A-Z]\w*|[A-Za-z]+_\w+/g) ?? []).filter(
    (token) => token.length > 2,
  );
}

/** Splits an objective into subject terms and angles and checks the subjects against the workspace. */
export function assessObjective(objective: string, vocabulary: WorkspaceVocabulary): ObjectiveAssessment {
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
