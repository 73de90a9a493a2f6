import type { WorkspaceAnalysis } from '../analysis/index.js';
import { assessObjective } from '../analysis/index.js';
import { personaFor } from '../roles/index.js';
import type { ContextExcerpt } from './model-port.js';
import type { Citation, ObserveInput, ObserveOutput } from './model-tasks.js';
import { type FactLens, queryWordsOf, scoreFact } from './offline-fact-choice.js';

/** Facts per file: one lane should show the spread of a subject, not twenty lines of one file. */
const FACTS_PER_FILE = 3;

function citationFor(excerpt: ContextExcerpt, line: number, endLine: number, maxQuote: number): Citation {
  const lines = excerpt.text.split('\n');
  const first = excerpt.ref.lines[0];
  const end = Math.min(endLine, excerpt.ref.lines[1]);
  const quote = (lines[line - first] ?? '').trim().slice(0, maxQuote);
  const where = excerpt.id === undefined ? { path: excerpt.ref.path } : { ref_id: excerpt.id };
  return { ...where, start_line: line, end_line: end, ...(quote === '' ? {} : { quote }) };
}

/**
 * Perceive of the offline engine: the structural facts (from the workspace analysis) that lie in
 * the excerpts retrieval handed to the lane, chosen by the objective and the persona. It states
 * facts, each citing the exact lines inside an excerpt; an objective the workspace knows nothing
 * of gets no observations at all.
 */
export function observeWithAnalysis(
  input: ObserveInput,
  context: readonly ContextExcerpt[],
  analysis: WorkspaceAnalysis,
  options: { maxObservations: number; maxQuoteLength: number },
): ObserveOutput {
  const assessment = assessObjective(input.objective, analysis.vocabulary);
  if (!assessment.relevant) return { observations: [] };
  const lens: FactLens = {
    assessment,
    queryWords: queryWordsOf(input.queries),
    focus: personaFor(input.persona, 0).focus,
  };
  const candidates: {
    excerpt: ContextExcerpt;
    fact: ReturnType<WorkspaceAnalysis['factsIn']>[number];
    score: number;
  }[] = [];
  const seen = new Set<string>();
  context.forEach((excerpt, rank) => {
    for (const fact of analysis.factsIn(excerpt.ref.path, excerpt.ref.lines[0], excerpt.ref.lines[1])) {
      const key = `${fact.path}:${fact.line}:${fact.statement}`;
      if (seen.has(key)) continue;
      const score = scoreFact(fact, lens);
      if (score === undefined) continue;
      seen.add(key);
      // Retrieval order breaks ties: the excerpt BM25 ranked first speaks first.
      candidates.push({ excerpt, fact, score: score - rank * 0.01 });
    }
  });
  candidates.sort((left, right) => right.score - left.score);
  const perFile = new Map<string, number>();
  const observations: ObserveOutput['observations'] = [];
  for (const { excerpt, fact } of candidates) {
    const count = perFile.get(fact.path) ?? 0;
    if (count >= FACTS_PER_FILE) continue;
    perFile.set(fact.path, count + 1);
    observations.push({
      text: fact.statement,
      // A hard-coded secret is named, never quoted: the finding must not copy the secret onward.
      evidence: [
        citationFor(
          excerpt,
          fact.line,
          fact.endLine,
          fact.ruleId === 'hard-coded-secret' ? 0 : options.maxQuoteLength,
        ),
      ],
    });
    if (observations.length >= options.maxObservations) break;
  }
  return { observations };
}
