import type { WorkspaceVocabulary } from '../analysis/index.js';
import { assessObjective } from '../analysis/index.js';
import type { Citation, ClaimsOutput, ShapeInput } from './model-tasks.js';
import { shorten } from './offline-text.js';

/** The phrase every digest and bundle uses when a lane found nothing that bears on the objective. */
export const NOTHING_RELEVANT = 'nothing relevant found';

/**
 * Yield of the offline engine: each observation (already a checkable structural statement) becomes
 * a claim citing the same lines. No observations: no claims, and a summary that says nothing
 * relevant was found and which words of the objective the workspace does not know.
 */
export function claimsFromObservations(
  input: ShapeInput,
  vocabulary: WorkspaceVocabulary | undefined,
): ClaimsOutput {
  const claims = input.observations.map((observation) => ({
    text: observation.text,
    evidence: observation.evidence_refs.flatMap((cited): Citation[] =>
      cited.kind === 'file'
        ? [
            {
              path: cited.path,
              start_line: cited.lines[0],
              end_line: cited.lines[1],
              ...(cited.quote === undefined ? {} : { quote: cited.quote }),
            },
          ]
        : [],
    ),
  }));
  if (claims.length === 0) {
    const unknown =
      vocabulary === undefined ? [] : assessObjective(input.objective, vocabulary).unmatchedTerms;
    const why = unknown.length > 0 ? ` (not in the workspace: ${unknown.slice(0, 6).join(', ')})` : '';
    return { summary: `${NOTHING_RELEVANT} for: ${shorten(input.objective, 80)}${why}`, claims: [] };
  }
  const files = new Set(claims.map((claim) => claim.evidence[0]?.path));
  return {
    summary: `${claims.length} structural ${input.persona} claims over ${files.size} files for: ${shorten(input.objective, 80)}`,
    claims,
  };
}
