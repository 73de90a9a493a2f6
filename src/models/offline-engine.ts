import type { WorkspaceAnalysis } from '../analysis/index.js';
import { assessObjective, createWorkspaceVocabulary, wordsMeet } from '../analysis/index.js';
import { ModelError } from './model-error.js';
import type { ContextExcerpt, ModelPort, ModelRequest, ModelResult } from './model-port.js';
import type { Citation, ObserveInput, ObserveOutput, ReactInput, ShapeInput } from './model-tasks.js';
import { claimsFromObservations } from './offline-claims.js';
import { classifyCynefin } from './offline-cynefin.js';
import { observeWithAnalysis } from './offline-observe.js';
import { cutQuote, isInformative, keywords } from './offline-text.js';

export const OFFLINE_ENGINE_LABEL =
  'offline engine (deterministic: BM25 retrieval + structural facts from a parse of the source; no language model)';

export interface OfflineEngineOptions {
  /** Most observations per Perceive (default 8). */
  maxObservations?: number;
  /** Longest quote kept, in characters (default 200). */
  maxQuoteLength?: number;
  /**
   * The workspace's analysis (`index.analysis`): with it, observations are structural facts of the
   * parsed source; without it, the engine falls back to lines of the excerpts that name the objective.
   */
  analysis?: WorkspaceAnalysis;
}

/** Engines created without an analysis: only these are upgraded by {@link withWorkspaceAnalysis}. */
const plainEngines = new WeakSet<ModelPort>();
const analysed = new WeakMap<WorkspaceAnalysis, ModelPort>();

type Settings = Required<Omit<OfflineEngineOptions, 'analysis'>> & {
  analysis: WorkspaceAnalysis | undefined;
};

interface Candidate {
  excerpt: ContextExcerpt;
  offset: number;
  matched: string[];
  score: number;
}

/** How much a line says: comments and prose explain, headings and bare syntax do not. */
function lineWeight(line: string, path: string): number {
  const trimmed = line.trim();
  const words = keywords(trimmed).length;
  let weight = Math.min(words, 8) / 8;
  if (/^(\/\/|\/\*\*?|\*|--)/.test(trimmed) || (/\.(md|txt|rst)$/i.test(path) && !trimmed.startsWith('#')))
    weight += 1.5;
  if (/^#{1,6}\s/.test(trimmed) && /\.(md|txt|rst)$/i.test(path)) weight -= 1;
  if (/^\s*(export |function |class |interface |def |async function )/.test(line)) weight += 0.5;
  if (words < 3) weight -= 1;
  return weight;
}

/** Picks the line of an excerpt that best matches the query terms and says the most. */
function bestLine(excerpt: ContextExcerpt, terms: ReadonlySet<string>): Candidate | undefined {
  const lines = excerpt.text.split('\n');
  let best: Candidate | undefined;
  lines.forEach((line, offset) => {
    if (!isInformative(line)) return;
    const matched = [
      ...new Set(keywords(line).filter((word) => [...terms].some((term) => wordsMeet(term, word)))),
    ];
    if (matched.length === 0) return;
    const score = 1.5 * matched.length + lineWeight(line, excerpt.ref.path);
    if (score >= 2 && (best === undefined || score > best.score)) best = { excerpt, offset, matched, score };
  });
  return best;
}

function narrowCitation(candidate: Candidate, quote: string): Citation {
  const line = candidate.excerpt.ref.lines[0] + candidate.offset;
  return {
    ...(candidate.excerpt.id === undefined
      ? { path: candidate.excerpt.ref.path }
      : { ref_id: candidate.excerpt.id }),
    start_line: line,
    end_line: line,
    quote,
  };
}

function observe(request: ModelRequest<unknown>, options: Settings): unknown {
  const input = request.input as ObserveInput;
  if (options.analysis !== undefined)
    return observeWithAnalysis(input, request.context, options.analysis, options);
  // Without an analysis the excerpts are all the engine knows: the objective must name something in them.
  const vocabulary = createWorkspaceVocabulary(
    request.context.map((excerpt) => ({ path: excerpt.ref.path, text: excerpt.text })),
    [],
  );
  const assessment = assessObjective(input.objective, vocabulary);
  if (!assessment.relevant) return { observations: [] };
  const subject =
    assessment.matchedTerms.length > 0 ? assessment.matchedTerms : keywords(input.queries.join(' '));
  const terms = new Set(subject);
  const seen = new Set<string>();
  const observations: ObserveOutput['observations'] = [];
  for (const excerpt of request.context) {
    const candidate = bestLine(excerpt, terms);
    if (candidate === undefined) continue;
    const key = `${excerpt.ref.path}:${excerpt.ref.lines[0] + candidate.offset}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const raw = (excerpt.text.split('\n')[candidate.offset] ?? '').trim();
    // Never cut inside a secret: a fragment would be too short for the receipts' redactor to recognise.
    const quote = cutQuote(raw, options.maxQuoteLength);
    observations.push({
      text: `${excerpt.ref.path} mentions ${candidate.matched.slice(0, 3).join(', ')}`,
      evidence: [narrowCitation(candidate, quote)],
    });
    if (observations.length >= options.maxObservations) break;
  }
  return { observations };
}

function react(request: ModelRequest<unknown>): unknown {
  return classifyCynefin(request.input as ReactInput);
}

function engage(request: ModelRequest<unknown>): unknown {
  const input = request.input as ShapeInput;
  const byFile = new Map<string, string[]>();
  for (const observation of input.observations) {
    const path = observation.evidence_refs[0]?.kind === 'file' ? observation.evidence_refs[0].path : 'other';
    byFile.set(path, [...(byFile.get(path) ?? []), observation.text]);
  }
  const sections = [...byFile].map(
    ([path, texts]) => `### ${path}\n${texts.map((text) => `- ${text}`).join('\n')}`,
  );
  const content = [`## ${input.persona} analysis: ${input.objective}`, ...sections].join('\n\n');
  return {
    artifacts: [{ name: `${input.persona}-analysis.md`, kind: 'analysis', content }],
    metrics: [
      { name: 'observations', value: input.observations.length },
      { name: 'files_cited', value: byFile.size },
    ],
  };
}

function claims(request: ModelRequest<unknown>, options: Settings): unknown {
  return claimsFromObservations(request.input as ShapeInput, options.analysis?.vocabulary);
}

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * The embedded default model: deterministic, no network. It answers each task from the excerpts
 * retrieval handed to the lane: Perceive states structural facts of the parsed source that lie in
 * those excerpts (what a file defines, exports, imports, calls, registers, tests; rule-based risk
 * findings), each citing its exact lines; Yield turns them into claims. An objective the workspace
 * knows nothing of gets no claims and a summary saying nothing relevant was found.
 *
 * @example
 * const index = createWorkspaceIndex(await scanWorkspace(dir));
 * const engine = createOfflineEngine({ analysis: index.analysis });
 */
export function createOfflineEngine(options: OfflineEngineOptions = {}): ModelPort {
  const settings: Settings = {
    maxObservations: options.maxObservations ?? 8,
    maxQuoteLength: options.maxQuoteLength ?? 200,
    analysis: options.analysis,
  };
  const engine: ModelPort = {
    provider: 'offline',
    modelId: 'offline-extractive-v1',
    label: OFFLINE_ENGINE_LABEL,
    async generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>> {
      request.signal?.throwIfAborted();
      let answer: unknown;
      switch (request.task) {
        case 'observe':
          answer = observe(request, settings);
          break;
        case 'react':
          answer = react(request);
          break;
        case 'engage':
          answer = engage(request);
          break;
        case 'claims':
          answer = claims(request, settings);
          break;
        case 'judge':
        case 'clarify':
          throw new ModelError(
            'MODEL_TASK_UNSUPPORTED',
            `the offline engine cannot ${request.task}: configure a model`,
          );
      }
      const parsed = request.schema.safeParse(answer);
      if (!parsed.success) {
        throw new ModelError(
          'MODEL_OUTPUT_INVALID',
          `offline engine produced invalid ${request.task} output`,
          {
            cause: parsed.error,
          },
        );
      }
      const promptSize = request.system.length + request.prompt.length;
      const contextSize = request.context.reduce((total, excerpt) => total + excerpt.text.length, 0);
      return {
        object: parsed.data,
        usage: {
          inputTokens: Math.ceil((promptSize + contextSize) / 4),
          outputTokens: estimateTokens(JSON.stringify(answer)),
        },
      };
    },
  };
  if (options.analysis === undefined) plainEngines.add(engine);
  return engine;
}

/**
 * The engine to use once the workspace is analysed: an offline engine created without an analysis
 * (e.g. from the spec `offline`) becomes one that states the workspace's structural facts; any
 * other port, including wrappers around an offline engine, is returned as it is.
 */
export function withWorkspaceAnalysis(
  port: ModelPort,
  analysis: WorkspaceAnalysis,
  options: Omit<OfflineEngineOptions, 'analysis'> = {},
): ModelPort {
  if (!plainEngines.has(port)) return port;
  let known = analysed.get(analysis);
  if (known === undefined) {
    known = createOfflineEngine({ ...options, analysis });
    analysed.set(analysis, known);
  }
  return known;
}
