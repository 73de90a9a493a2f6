import {
  analysisFromFacts,
  analyzeWorkspace,
  pathRole,
  type SourceFact,
  type WorkspaceAnalysis,
} from '../analysis/index.js';
import { sha256Hex } from '../contracts/index.js';
import type { ContextExcerpt } from '../models/model-port.js';
import { type Bm25Data, buildBm25, createBm25Search } from './bm25-index.js';
import { createLineTable, type LineTable } from './line-table.js';
import type { WorkspaceFile } from './scan-workspace.js';
import { identifierSpans, tokenizeIdentifiers } from './tokenize.js';

export interface WorkspaceIndexOptions {
  /** Lines per chunk (default 12). */
  chunkLines?: number;
  /** Lines two neighbouring chunks share (default 4). */
  overlapLines?: number;
  /** The files' analysis, when the caller already has it (default: analysed here). */
  analysis?: WorkspaceAnalysis;
}

export interface SearchOptions {
  limit?: number;
  /** Skip chunks of these paths. */
  excludePaths?: ReadonlySet<string>;
}

/** BM25 retrieval over line-window chunks of the workspace: the Observers' search tool. */
export interface WorkspaceIndex {
  readonly fileCount: number;
  readonly chunkCount: number;
  /** Structural facts, import graph and vocabulary of the indexed files. */
  readonly analysis: WorkspaceAnalysis;
  search(query: string, options?: SearchOptions): ContextExcerpt[];
}

interface Chunk {
  id: number;
  path: string;
  start: number;
  end: number;
  /** Names the chunk defines or exports (boosted: a query for X should find where X is made). */
  names: string;
  /** Names it imports, calls, routes and tests. */
  uses: string;
}

/** Everything an index is made of, as plain data (the workspace index cache stores this). */
export interface WorkspaceIndexParts {
  chunkLines: number;
  overlapLines: number;
  /** `[path, start, end, names, uses]` per chunk; the chunk's text is cut from the file when needed. */
  chunks: [string, number, number, string, string][];
  facts: SourceFact[];
  parsedFiles: number;
  unparsedFiles: string[];
  /** Stems of every word of the files' text (the vocabulary's; not split again on a hit). */
  textStems?: string[];
  /** The BM25 index over the chunks (fields `path`, `names`, `uses`, `text`). */
  search: Bm25Data;
}

/** Splits identifiers so `createSessionToken` and `session_token` match `session token`. */
const tokenize = tokenizeIdentifiers;

function chunkFile(
  path: string,
  lines: LineTable,
  chunkLines: number,
  overlapLines: number,
  chunks: Chunk[],
): void {
  const step = Math.max(1, chunkLines - overlapLines);
  for (let start = 1; start <= lines.count; start += step) {
    const end = Math.min(lines.count, start + chunkLines - 1);
    let blank = true;
    for (let line = start; line <= end && blank; line += 1) if (!lines.blank(line)) blank = false;
    if (!blank) chunks.push({ id: chunks.length, path, start, end, names: '', uses: '' });
    if (end === lines.count) break;
  }
}

/** Community and legal files speak of conduct and licences, never of how the code works. */
const PERIPHERAL_FILES =
  /(^|\/)(CODE_OF_CONDUCT|LICEN[CS]E|CHANGELOG|CHANGES|HISTORY|CONTRIBUTING|AUTHORS|NOTICE)(\.[a-z]+)?$/i;

/**
 * Weight of a chunk's score by its file: community files rank far below, benchmarks, examples and
 * tests below, the implementation that matches as well.
 */
function documentWeight(path: string): number {
  if (PERIPHERAL_FILES.test(path)) return 0.2;
  const role = pathRole(path);
  return role === 'implementation' ? 1 : role === 'test' ? 0.7 : 0.5;
}

/** The searched fields in order, with their boosts: a query for X should find where X is made. */
const FIELD_BOOSTS = [2, 3, 1.5, 1];

function fieldOf(chunk: Chunk, field: number, textOf: (chunk: Chunk) => string): string {
  return field === 0 ? chunk.path : field === 1 ? chunk.names : field === 2 ? chunk.uses : textOf(chunk);
}

/**
 * Builds the index over files already read by `scanWorkspace`: BM25 over line windows, with the
 * names each window defines and uses (from the analysis) as boosted fields. Chunks keep line
 * numbers, not text: a chunk's text is cut from its file when it is indexed or returned, so the
 * index adds little memory beyond the files themselves.
 */
export function createWorkspaceIndex(
  files: readonly WorkspaceFile[],
  options: WorkspaceIndexOptions = {},
): WorkspaceIndex {
  return buildWorkspaceIndex(files, options).index;
}

/** The index and its parts as plain data (for the cache). */
export function buildWorkspaceIndex(
  files: readonly WorkspaceFile[],
  options: WorkspaceIndexOptions = {},
): { index: WorkspaceIndex; parts: () => WorkspaceIndexParts } {
  const chunkLines = options.chunkLines ?? 12;
  const overlapLines = Math.min(options.overlapLines ?? 4, chunkLines - 1);
  const analysis = options.analysis ?? analyzeWorkspace(files);
  const lines = new Map<string, LineTable>();
  const chunks: Chunk[] = [];
  for (const file of files) {
    const table = createLineTable(file.text);
    lines.set(file.path, table);
    chunkFile(file.path, table, chunkLines, overlapLines, chunks);
  }
  for (const chunk of chunks) {
    const facts = analysis.factsIn(chunk.path, chunk.start, chunk.end);
    const made = facts.filter((fact) => fact.kind === 'defines' || fact.kind === 'exports');
    chunk.names = made.flatMap((fact) => fact.names).join(' ');
    chunk.uses = facts
      .filter((fact) => !made.includes(fact))
      .flatMap((fact) => fact.names)
      .join(' ');
  }
  const textOf = chunkText(lines);
  const search = buildBm25(
    chunks.length,
    FIELD_BOOSTS.length,
    (document, field) => fieldOf(chunks[document] as Chunk, field, textOf),
    identifierSpans,
  );
  return {
    index: indexOver(files.length, chunks, analysis, search, textOf),
    parts: () => ({
      chunkLines,
      overlapLines,
      chunks: chunks.map((chunk) => [chunk.path, chunk.start, chunk.end, chunk.names, chunk.uses]),
      facts: [...analysis.facts],
      parsedFiles: analysis.parsedFiles,
      unparsedFiles: [...analysis.unparsedFiles],
      textStems: analysis.vocabulary.textStems(),
      search,
    }),
  };
}

/** The index from stored parts over the same files: no parse, no tokenising, same answers. */
export function workspaceIndexFromParts(
  files: readonly WorkspaceFile[],
  parts: WorkspaceIndexParts,
): WorkspaceIndex {
  const lines = new Map<string, LineTable>();
  for (const file of files) lines.set(file.path, createLineTable(file.text));
  const chunks = parts.chunks.map(([path, start, end, names, uses], id) => ({
    id,
    path,
    start,
    end,
    names,
    uses,
  }));
  const textOf = chunkText(lines);
  const analysis = analysisFromFacts(
    files,
    parts.facts,
    parts.parsedFiles,
    parts.unparsedFiles,
    parts.textStems,
  );
  return indexOver(files.length, chunks, analysis, parts.search, textOf);
}

function chunkText(lines: ReadonlyMap<string, LineTable>): (chunk: Chunk) => string {
  return (chunk) => lines.get(chunk.path)?.slice(chunk.start, chunk.end) ?? '';
}

function indexOver(
  fileCount: number,
  chunks: readonly Chunk[],
  analysis: WorkspaceAnalysis,
  data: Bm25Data,
  textOf: (chunk: Chunk) => string,
): WorkspaceIndex {
  const weights = new Map<string, number>();
  const search = createBm25Search(data, {
    boosts: FIELD_BOOSTS,
    tokenize,
    documentWeight: (document) => {
      // Chunks of one file share its weight: one path test per file, not per chunk.
      const path = chunks[document]?.path ?? '';
      let weight = weights.get(path);
      if (weight === undefined) {
        weight = documentWeight(path);
        weights.set(path, weight);
      }
      return weight;
    },
  });
  return {
    fileCount,
    chunkCount: chunks.length,
    analysis,
    search(query, searchOptions = {}) {
      // At least one hit, as before: a limit of 0 never meant 'none'.
      const limit = Math.max(1, searchOptions.limit ?? 8);
      const excluded = searchOptions.excludePaths;
      const results: ContextExcerpt[] = [];
      // Only the best `limit` chunks outside the excluded paths are ranked, not every match.
      const accept = (document: number) => {
        const chunk = chunks[document];
        return chunk !== undefined && excluded?.has(chunk.path) !== true;
      };
      for (const hit of search(query, limit, accept)) {
        const chunk = chunks[hit.document] as Chunk;
        const text = textOf(chunk);
        results.push({
          ref: { kind: 'file', path: chunk.path, lines: [chunk.start, chunk.end], sha256: sha256Hex(text) },
          text,
          score: hit.score,
        });
      }
      return results;
    },
  };
}
