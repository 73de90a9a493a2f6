import MiniSearch from 'minisearch';
import { analyzeWorkspace, pathRole, type WorkspaceAnalysis } from '../analysis/index.js';
import { sha256Hex, splitLines } from '../contracts/index.js';
import type { ContextExcerpt } from '../models/model-port.js';
import type { WorkspaceFile } from './scan-workspace.js';

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
  text: string;
  /** Names the chunk defines or exports (boosted: a query for X should find where X is made). */
  names: string;
  /** Names it imports, calls, routes and tests. */
  uses: string;
}

/** Splits identifiers so `createSessionToken` and `session_token` match `session token`. */
function tokenize(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((token) => token.length > 1);
}

function chunkFile(file: WorkspaceFile, chunkLines: number, overlapLines: number, firstId: number): Chunk[] {
  const lines = splitLines(file.text);
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const chunks: Chunk[] = [];
  const step = Math.max(1, chunkLines - overlapLines);
  for (let start = 1; start <= lines.length; start += step) {
    const end = Math.min(lines.length, start + chunkLines - 1);
    const text = lines.slice(start - 1, end).join('\n');
    if (text.trim() !== '')
      chunks.push({ id: firstId + chunks.length, path: file.path, start, end, text, names: '', uses: '' });
    if (end === lines.length) break;
  }
  return chunks;
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

/**
 * Builds the index over files already read by `scanWorkspace`: BM25 over line windows, with the
 * names each window defines and uses (from the analysis) as boosted fields.
 */
export function createWorkspaceIndex(
  files: readonly WorkspaceFile[],
  options: WorkspaceIndexOptions = {},
): WorkspaceIndex {
  const chunkLines = options.chunkLines ?? 12;
  const overlapLines = Math.min(options.overlapLines ?? 4, chunkLines - 1);
  const chunks: Chunk[] = [];
  const analysis = options.analysis ?? analyzeWorkspace(files);
  for (const file of files) chunks.push(...chunkFile(file, chunkLines, overlapLines, chunks.length));
  for (const chunk of chunks) {
    const facts = analysis.factsIn(chunk.path, chunk.start, chunk.end);
    const made = facts.filter((fact) => fact.kind === 'defines' || fact.kind === 'exports');
    chunk.names = made.flatMap((fact) => fact.names).join(' ');
    chunk.uses = facts
      .filter((fact) => !made.includes(fact))
      .flatMap((fact) => fact.names)
      .join(' ');
  }
  const search = new MiniSearch<Chunk>({
    fields: ['path', 'names', 'uses', 'text'],
    storeFields: [],
    tokenize,
    processTerm: (term) => term.toLowerCase(),
    searchOptions: {
      boost: { path: 2, names: 3, uses: 1.5 },
      prefix: true,
      combineWith: 'OR',
      boostDocument: (id) => documentWeight(chunks[id as number]?.path ?? ''),
    },
  });
  search.addAll(chunks);
  return {
    fileCount: files.length,
    chunkCount: chunks.length,
    analysis,
    search(query, searchOptions = {}) {
      const limit = searchOptions.limit ?? 8;
      const results: ContextExcerpt[] = [];
      for (const hit of search.search(query)) {
        const chunk = chunks[hit.id as number];
        if (chunk === undefined || searchOptions.excludePaths?.has(chunk.path)) continue;
        results.push({
          ref: {
            kind: 'file',
            path: chunk.path,
            lines: [chunk.start, chunk.end],
            sha256: sha256Hex(chunk.text),
          },
          text: chunk.text,
          score: hit.score,
        });
        if (results.length >= limit) break;
      }
      return results;
    },
  };
}
