import MiniSearch from 'minisearch';
import { sha256Hex, splitLines } from '../contracts/index.js';
import type { ContextExcerpt } from '../models/model-port.js';
import type { WorkspaceFile } from './scan-workspace.js';

export interface WorkspaceIndexOptions {
  /** Lines per chunk (default 12). */
  chunkLines?: number;
  /** Lines two neighbouring chunks share (default 4). */
  overlapLines?: number;
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
  search(query: string, options?: SearchOptions): ContextExcerpt[];
}

interface Chunk {
  id: number;
  path: string;
  start: number;
  end: number;
  text: string;
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
    if (text.trim() !== '') chunks.push({ id: firstId + chunks.length, path: file.path, start, end, text });
    if (end === lines.length) break;
  }
  return chunks;
}

/** Builds the index over files already read by `scanWorkspace`. */
export function createWorkspaceIndex(
  files: readonly WorkspaceFile[],
  options: WorkspaceIndexOptions = {},
): WorkspaceIndex {
  const chunkLines = options.chunkLines ?? 12;
  const overlapLines = Math.min(options.overlapLines ?? 4, chunkLines - 1);
  const chunks: Chunk[] = [];
  for (const file of files) chunks.push(...chunkFile(file, chunkLines, overlapLines, chunks.length));
  const search = new MiniSearch<Chunk>({
    fields: ['path', 'text'],
    storeFields: [],
    tokenize,
    processTerm: (term) => term.toLowerCase(),
    searchOptions: { boost: { path: 2 }, prefix: true, combineWith: 'OR' },
  });
  search.addAll(chunks);
  return {
    fileCount: files.length,
    chunkCount: chunks.length,
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
