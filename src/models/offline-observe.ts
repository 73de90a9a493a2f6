import type { WorkspaceAnalysis } from '../analysis/index.js';
import { assessObjective, splitIdentifier, wordsMeet } from '../analysis/index.js';
import { personaFor } from '../roles/index.js';
import type { ContextExcerpt } from './model-port.js';
import type { Citation, ObserveInput, ObserveOutput } from './model-tasks.js';
import { type FactLens, queryWordsOf, scoreFact } from './offline-fact-choice.js';
import { cutQuote } from './offline-text.js';

/** Facts per file: one lane should show the spread of a subject, not twenty lines of one file. */
const FACTS_PER_FILE = 3;

function citationFor(excerpt: ContextExcerpt, line: number, endLine: number, maxQuote: number): Citation {
  const lines = excerpt.text.split('\n');
  const first = excerpt.ref.lines[0];
  const end = Math.min(endLine, excerpt.ref.lines[1]);
  // Never cut inside a secret: a fragment would be too short for the receipts' redactor to recognise.
  const quote = cutQuote((lines[line - first] ?? '').trim(), maxQuote);
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
      // One statement per file, once: overload signatures (`export function f(a)` twice, then its body)
      // or a route registered in three tests would read as the same finding repeated.
      const key = `${fact.path}\u0000${fact.statement}`;
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
  if (observations.length < MENTION_FLOOR)
    observations.push(
      ...mentions(context, assessment.matchedTerms, observations.length, options.maxQuoteLength),
    );
  return { observations };
}

/** Below this many facts, comment and prose lines that name the subject are reported too. */
const MENTION_FLOOR = 3;
const PROSE_FILE = /\.(md|mdx|txt|rst|adoc)$/i;
const COMMENT_LINE = /^\s*(\/\/|\/\*|\*|#|--)/;

/**
 * Where the subject is only written about (a comment, a README), say that: "X mentions `key` in a
 * comment" is checkable against the cited line and honest about being weaker than a fact.
 */
function mentions(
  context: readonly ContextExcerpt[],
  subject: readonly string[],
  already: number,
  maxQuote: number,
): ObserveOutput['observations'] {
  const found: ObserveOutput['observations'] = [];
  // Excerpts overlap (two queries, two chunks): a line is reported once, or one lane would repeat itself.
  const cited = new Set<string>();
  for (const excerpt of context) {
    const prose = PROSE_FILE.test(excerpt.ref.path);
    const lines = excerpt.text.split('\n');
    for (const [offset, line] of lines.entries()) {
      if (!prose && !COMMENT_LINE.test(line)) continue;
      // A line of one word (a heading) supports nothing: Verify would find the evidence empty.
      if (wordCount(line) < 2) continue;
      const lineNumber = excerpt.ref.lines[0] + offset;
      if (cited.has(`${excerpt.ref.path}:${lineNumber}`)) continue;
      const words = splitIdentifier(line);
      const term = subject.find((word) => words.some((candidate) => wordsMeet(word, candidate)));
      const part = term === undefined ? undefined : words.find((candidate) => wordsMeet(term, candidate));
      // Quote the word as the line writes it (case, camelCase whole), so the claim's quote is verbatim.
      const named =
        part === undefined
          ? undefined
          : line.split(/[^A-Za-z0-9_]+/).find((token) => splitIdentifier(token).includes(part));
      if (named === undefined) continue;
      cited.add(`${excerpt.ref.path}:${lineNumber}`);
      const where = prose ? 'in its text' : 'in a comment';
      found.push({
        text: `${excerpt.ref.path} mentions "${named}" ${where}`,
        evidence: [citationFor(excerpt, lineNumber, lineNumber, maxQuote)],
      });
      break;
    }
    if (already + found.length >= MENTION_FLOOR) break;
  }
  return found;
}

/** How many word tokens a line holds (letters, digits, `_`, `$`). */
function wordCount(line: string): number {
  const words = line.match(/[\p{L}\p{N}_$]+/gu);
  return words === null ? 0 : words.length;
}
