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
import { updateBm25 } from './bm25-update.js';
import { fileContentHash } from './file-content-hash.js';
import { createLineTable, type LineTable } from './line-table.js';
import type { WorkspaceFile } from './scan-workspace.js';
import { identifierSpans, tokenizeIdentifiers } from './tokenize.js';
import { fileDigestsOf, type PreviousIndexParts, reusedDocuments } from './workspace-index-reuse.js';

export type { PreviousIndexParts } from './workspace-index-reuse.js';

export interface WorkspaceIndexOptions {
  /** Lines per chunk (default 12). */
  chunkLines?: number;
  /** Lines two neighbouring chunks share (default 4). */
  overlapLines?: number;
  /** The files' analysis, when the caller already has it (default: analysed here). */
  analysis?: WorkspaceAnalysis;
  /**
   * An earlier index's parts (built by this same code): the BM25 data of each file whose chunks
   * and their fields are the same as then (same `fileDigests` entry) is reused, not tokenised again.
   */
  previous?: PreviousIndexParts;
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

/**
 * The chunks as columns: chunk `i` is lines `starts[i]..ends[i]` of the file `paths[files[i]]`.
 * Line numbers, not text: a chunk's text is cut from its file when it is indexed or returned.
 */
interface ChunkTable {
  count: number;
  paths: readonly string[];
  files: Uint32Array;
  starts: Uint32Array;
  ends: Uint32Array;
}

/** Everything an index is made of, as plain data (the workspace index cache stores this). */
export interface WorkspaceIndexParts {
  chunkLines: number;
  overlapLines: number;
  /** The indexed files' paths in scan order; `chunkFiles[i]` is the position of chunk `i`'s file. */
  chunkPaths: string[];
  /**
   * Per file (as `chunkPaths`): the sha256 of its text, its chunks' lines and every field the BM25
   * build reads of them (`fileDigest`), so a later build knows which files' documents are the same.
   */
  fileDigests?: string[];
  chunkFiles: Uint32Array;
  /** First and last line (1-based, inclusive) of each chunk. */
  chunkStarts: Uint32Array;
  chunkEnds: Uint32Array;
  facts: SourceFact[];
  parsedFiles: number;
  unparsedFiles: string[];
  /** Stems of every word of the files' text (the vocabulary's; not split again on a hit). */
  textStems?: string[];
  /** Per file (as `chunkPaths`): the sha256 of its text (`fileContentHash`). */
  fileHashes?: string[];
  /** Per file, the positions in `textStems` of its distinct stems (the vocabulary's `fileStems()`). */
  stemOffsets?: Uint32Array;
  stemIds?: Uint32Array;
  /**
   * Per file: how many of `facts` are its, its parse status (0 none, 1 parsed, 2 unparsed) and the
   * import resolutions its facts depend on, so a later miss re-analyses only changed files.
   */
  factCounts?: Uint32Array;
  fileStatus?: Uint32Array;
  resolutions?: [string, string][][];
  /** The BM25 index over the chunks (fields `path`, `names`, `uses`, `text`). */
  search: Bm25Data;
}

/** Splits identifiers so `createSessionToken` and `session_token` match `session token`. */
const tokenize = tokenizeIdentifiers;

/** Growable columns of the chunks being cut. */
class ChunkColumns {
  count = 0;
  files = new Uint32Array(1024);
  starts = new Uint32Array(1024);
  ends = new Uint32Array(1024);

  push(file: number, start: number, end: number): void {
    if (this.count === this.files.length) {
      const grow = (array: Uint32Array) => {
        const next = new Uint32Array(array.length * 2);
        next.set(array);
        return next;
      };
      this.files = grow(this.files);
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
    }
    this.files[this.count] = file;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count += 1;
  }
}

function chunkFile(
  file: number,
  lines: LineTable,
  chunkLines: number,
  overlapLines: number,
  chunks: ChunkColumns,
): void {
  const step = Math.max(1, chunkLines - overlapLines);
  for (let start = 1; start <= lines.count; start += step) {
    const end = Math.min(lines.count, start + chunkLines - 1);
    let blank = true;
    for (let line = start; line <= end && blank; line += 1) if (!lines.blank(line)) blank = false;
    if (!blank) chunks.push(file, start, end);
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
): { index: WorkspaceIndex; parts: () => WorkspaceIndexParts; reusedChunks: number } {
  const chunkLines = options.chunkLines ?? 12;
  const overlapLines = Math.min(options.overlapLines ?? 4, chunkLines - 1);
  const analysis = options.analysis ?? analyzeWorkspace(files);
  const columns = new ChunkColumns();
  // Each file's line table while it is chunked, then let go (the BM25 build makes them again file
  // after file, one at a time; a search, for the files whose chunks it returns).
  for (const [position, file] of files.entries())
    chunkFile(position, createLineTable(file.text), chunkLines, overlapLines, columns);
  const chunks: ChunkTable = {
    count: columns.count,
    paths: files.map((file) => file.path),
    files: columns.files.slice(0, columns.count),
    starts: columns.starts.slice(0, columns.count),
    ends: columns.ends.slice(0, columns.count),
  };
  // The names each chunk defines or exports (boosted: a query for X should find where X is made)
  // and the names it imports, calls, routes and tests: fields of the BM25 build only, not kept.
  const names = new Array<string>(chunks.count);
  const uses = new Array<string>(chunks.count);
  for (let chunk = 0; chunk < chunks.count; chunk += 1) {
    const facts = analysis.factsIn(
      chunks.paths[chunks.files[chunk] as number] as string,
      chunks.starts[chunk] as number,
      chunks.ends[chunk] as number,
    );
    const made = facts.filter((fact) => fact.kind === 'defines' || fact.kind === 'exports');
    names[chunk] = made.flatMap((fact) => fact.names).join(' ');
    uses[chunk] = facts
      .filter((fact) => !made.includes(fact))
      .flatMap((fact) => fact.names)
      .join(' ');
  }
  const textOf = sequentialChunkText(chunks, files);
  const fieldValue = (chunk: number, field: number) =>
    field === 0
      ? (chunks.paths[chunks.files[chunk] as number] as string)
      : field === 1
        ? (names[chunk] as string)
        : field === 2
          ? (uses[chunk] as string)
          : textOf(chunk);
  const fileDigests = fileDigestsOf(files, chunks, names, uses, chunkLines, overlapLines);
  // Files whose documents are the previous index's keep their BM25 data; the rest is tokenised.
  const previous = options.previous;
  const reuse =
    previous === undefined
      ? undefined
      : reusedDocuments(previous, chunks, fileDigests, chunkLines, overlapLines);
  const updated =
    previous === undefined || reuse === undefined
      ? undefined
      : updateBm25(previous.search, reuse.moved, chunks.count, reuse.fresh, fieldValue, identifierSpans);
  const search = updated ?? buildBm25(chunks.count, FIELD_BOOSTS.length, fieldValue, identifierSpans);
  return {
    index: indexOver(files.length, chunks, analysis, search, chunkText(chunks, lazyLines(files))),
    reusedChunks: updated === undefined || reuse === undefined ? 0 : chunks.count - reuse.fresh.length,
    parts: () => ({
      chunkLines,
      overlapLines,
      chunkPaths: [...chunks.paths],
      fileDigests,
      chunkFiles: chunks.files,
      chunkStarts: chunks.starts,
      chunkEnds: chunks.ends,
      facts: [...analysis.facts],
      parsedFiles: analysis.parsedFiles,
      unparsedFiles: [...analysis.unparsedFiles],
      textStems: analysis.vocabulary.textStems(),
      fileHashes: files.map(fileContentHash),
      ...stemColumns(analysis),
      search,
    }),
  };
}

function stemColumns(analysis: WorkspaceAnalysis): { stemOffsets?: Uint32Array; stemIds?: Uint32Array } {
  const stems = analysis.vocabulary.fileStems();
  return stems === undefined ? {} : { stemOffsets: stems.offsets, stemIds: stems.ids };
}

/** The index from stored parts over the same files: no parse, no tokenising, same answers. */
export function workspaceIndexFromParts(
  files: readonly WorkspaceFile[],
  parts: WorkspaceIndexParts,
): WorkspaceIndex {
  const lines = lazyLines(files);
  const chunks: ChunkTable = {
    count: parts.chunkFiles.length,
    paths: parts.chunkPaths,
    files: parts.chunkFiles,
    starts: parts.chunkStarts,
    ends: parts.chunkEnds,
  };
  const analysis = analysisFromFacts(
    files,
    parts.facts,
    parts.parsedFiles,
    parts.unparsedFiles,
    parts.textStems,
  );
  return indexOver(files.length, chunks, analysis, parts.search, chunkText(chunks, lines));
}

/** Why stored chunks cannot be today's (columns of other lengths, a file that is not there). */
export function chunkPartsProblem(parts: WorkspaceIndexParts): string | undefined {
  const count = parts.chunkFiles.length;
  if (parts.chunkStarts.length !== count || parts.chunkEnds.length !== count) return 'chunk columns differ';
  if (count !== parts.search.documentCount) return 'chunks and documents differ';
  for (let chunk = 0; chunk < count; chunk += 1)
    if ((parts.chunkFiles[chunk] as number) >= parts.chunkPaths.length) return 'a chunk names a missing file';
  return undefined;
}

/**
 * Each file's line table, made the first time one of its chunks is cut (a search returns it):
 * most files of a large workspace are never cut in a mission, and their tables cost ~8 µs each.
 */
function lazyLines(files: readonly WorkspaceFile[]): { get(path: string): LineTable | undefined } {
  const texts = new Map<string, string>();
  for (const file of files) texts.set(file.path, file.text);
  const made = new Map<string, LineTable>();
  return {
    get(path) {
      let table = made.get(path);
      if (table === undefined) {
        const text = texts.get(path);
        if (text === undefined) return undefined;
        table = createLineTable(text);
        made.set(path, table);
      }
      return table;
    },
  };
}

/**
 * Chunk texts for a pass over the chunks in order (the BM25 build): one line table at a time, the
 * current file's (`chunks.files` is ascending, a file's chunks together).
 */
function sequentialChunkText(chunks: ChunkTable, files: readonly WorkspaceFile[]): (chunk: number) => string {
  let position = -1;
  let table: LineTable | undefined;
  return (chunk) => {
    const file = chunks.files[chunk] as number;
    if (file !== position) {
      const text = files[file]?.text;
      table = text === undefined ? undefined : createLineTable(text);
      position = file;
    }
    return table?.slice(chunks.starts[chunk] as number, chunks.ends[chunk] as number) ?? '';
  };
}

function chunkText(
  chunks: ChunkTable,
  lines: { get(path: string): LineTable | undefined },
): (chunk: number) => string {
  // One table per file position, looked up once (chunks of a file are many), when first needed.
  const tables = new Array<LineTable | undefined>(chunks.paths.length);
  const tableAt = (position: number) => {
    let table = tables[position];
    if (table === undefined) {
      table = lines.get(chunks.paths[position] as string);
      tables[position] = table;
    }
    return table;
  };
  return (chunk) =>
    tableAt(chunks.files[chunk] as number)?.slice(
      chunks.starts[chunk] as number,
      chunks.ends[chunk] as number,
    ) ?? '';
}

function indexOver(
  fileCount: number,
  chunks: ChunkTable,
  analysis: WorkspaceAnalysis,
  data: Bm25Data,
  textOf: (chunk: number) => string,
): WorkspaceIndex {
  // Chunks of one file share its weight: one path test per file, not per chunk.
  const weights = chunks.paths.map(documentWeight);
  const search = createBm25Search(data, {
    boosts: FIELD_BOOSTS,
    tokenize,
    documentWeight: (document) => weights[chunks.files[document] as number] ?? documentWeight(''),
  });
  return {
    fileCount,
    chunkCount: chunks.count,
    analysis,
    search(query, searchOptions = {}) {
      // At least one hit, as before: a limit of 0 never meant 'none'.
      const limit = Math.max(1, searchOptions.limit ?? 8);
      const excluded = searchOptions.excludePaths;
      const results: ContextExcerpt[] = [];
      // Only the best `limit` chunks outside the excluded paths are ranked, not every match.
      const accept = (document: number) =>
        document < chunks.count &&
        excluded?.has(chunks.paths[chunks.files[document] as number] as string) !== true;
      for (const hit of search(query, limit, accept)) {
        const chunk = hit.document;
        const text = textOf(chunk);
        const start = chunks.starts[chunk] as number;
        const end = chunks.ends[chunk] as number;
        results.push({
          ref: {
            kind: 'file',
            path: chunks.paths[chunks.files[chunk] as number] as string,
            lines: [start, end],
            sha256: sha256Hex(text),
          },
          text,
          score: hit.score,
        });
      }
      return results;
    },
  };
}
