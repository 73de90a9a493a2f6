import { ModelError } from './model-error.js';
import type { ContextExcerpt, ModelPort, ModelRequest, ModelResult } from './model-port.js';
import type { Citation, ObserveInput, ObserveOutput, ReactInput, ShapeInput } from './model-tasks.js';
import { classifyCynefin } from './offline-cynefin.js';
import { isInformative, keywords, shorten } from './offline-text.js';

export const OFFLINE_ENGINE_LABEL =
  'offline engine (deterministic BM25 retrieval + extractive claims; no language model)';

export interface OfflineEngineOptions {
  /** Most observations per Perceive (default 8). */
  maxObservations?: number;
  /** Longest quote kept, in characters (default 200). */
  maxQuoteLength?: number;
}

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
    const matched = [...new Set(keywords(line).filter((word) => terms.has(word)))];
    if (matched.length === 0) return;
    const score = 1.5 * matched.length + lineWeight(line, excerpt.ref.path);
    if (score >= 2 && (best === undefined || score > best.score)) best = { excerpt, offset, matched, score };
  });
  return best;
}

function narrowCitation(candidate: Candidate, quote: string): Citation {
  const line = candidate.excerpt.ref.lines[0] + candidate.offset;
  return {
    ...(candidate.excerpt.id === undefined ? { path: candidate.excerpt.ref.path } : { ref_id: candidate.excerpt.id }),
    start_line: line,
    end_line: line,
    quote,
  };
}

function observe(request: ModelRequest<unknown>, options: Required<OfflineEngineOptions>): unknown {
  const input = request.input as ObserveInput;
  const terms = new Set(keywords([input.objective, ...input.queries].join(' ')));
  const seen = new Set<string>();
  const observations: ObserveOutput['observations'] = [];
  for (const excerpt of request.context) {
    const candidate = bestLine(excerpt, terms);
    if (candidate === undefined) continue;
    const key = `${excerpt.ref.path}:${excerpt.ref.lines[0] + candidate.offset}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const raw = (excerpt.text.split('\n')[candidate.offset] ?? '').trim();
    const quote = raw.length <= options.maxQuoteLength ? raw : raw.slice(0, options.maxQuoteLength);
    const line = excerpt.ref.lines[0] + candidate.offset;
    observations.push({
      text: `${excerpt.ref.path}:${line} mentions ${candidate.matched.slice(0, 3).join(', ')}: "${shorten(quote, 120)}"`,
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

function claims(request: ModelRequest<unknown>): unknown {
  const input = request.input as ShapeInput;
  const claimList = input.observations.map((observation) => {
    const ref = observation.evidence_refs[0];
    const where = ref?.kind === 'file' ? `${ref.path} line ${ref.lines[0]}` : 'the workspace';
    const quote =
      ref?.kind === 'file' && ref.quote !== undefined ? shorten(ref.quote, 140) : observation.text;
    return {
      text: `${where} reads: "${quote}" (${input.persona})`,
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
    };
  });
  const files = new Set(claimList.map((claim) => claim.evidence[0]?.path));
  return {
    summary: `${claimList.length} extractive ${input.persona} claims quoting ${files.size} files for: ${shorten(input.objective, 80)}`,
    claims: claimList,
  };
}

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * The embedded default model: deterministic, no network. It answers each task from the retrieved
 * workspace excerpts, so every claim it makes is a quote of the workspace with a resolvable ref.
 */
export function createOfflineEngine(options: OfflineEngineOptions = {}): ModelPort {
  const settings: Required<OfflineEngineOptions> = {
    maxObservations: options.maxObservations ?? 8,
    maxQuoteLength: options.maxQuoteLength ?? 200,
  };
  return {
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
          answer = claims(request);
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
}
