import { createHash } from 'node:crypto';
import type { FileAnalysis, FileAnalysisMemo, SourceFact } from '../analysis/index.js';
import type { Bm25Data } from './bm25-index.js';
import { fileContentHash } from './file-content-hash.js';
import type { WorkspaceFile } from './scan-workspace.js';

/** Today's chunks as columns: chunk `i` is lines `starts[i]..ends[i]` of `paths[files[i]]`. */
export interface ChunkColumnsView {
  count: number;
  paths: readonly string[];
  files: Uint32Array;
  starts: Uint32Array;
  ends: Uint32Array;
}

/** What of an earlier index (built by this same code) a build can reuse. */
export interface PreviousIndexParts {
  chunkLines: number;
  overlapLines: number;
  chunkPaths: readonly string[];
  chunkFiles: Uint32Array;
  fileDigests?: readonly string[];
  search: Bm25Data;
  /** The vocabulary's stems, each file's text hash and the positions of its stems among them. */
  textStems?: readonly string[];
  fileHashes?: readonly string[];
  stemOffsets?: Uint32Array;
  stemIds?: Uint32Array;
  /** The facts (files in order) and, per file, how many are its, its parse status and resolutions. */
  facts?: readonly SourceFact[];
  factCounts?: Uint32Array;
  fileStatus?: Uint32Array;
  resolutions?: readonly (readonly [string, string][])[];
}

/** A file's parse status as stored: its position in this list. */
const STATUSES: readonly FileAnalysis['status'][] = ['none', 'parsed', 'unparsed'];

/** The memo a build analyses with, recording the analysis each file ends with. */
export interface RecordingMemo extends FileAnalysisMemo {
  /** Files whose analysis came from the previous entry and was kept. */
  reused(): number;
  /** Per file (in `paths` order): how many facts are its, its status and its resolutions. */
  columns(
    paths: readonly string[],
  ): { factCounts: Uint32Array; fileStatus: Uint32Array; resolutions: [string, string][][] } | undefined;
}

/**
 * A memo answering from the previous entry's analysis of each file whose text is the same
 * (`hashes`: today's text hashes by path; `analyzeWorkspace` still re-checks every resolution
 * against today's paths), recording what each file's analysis ends up being.
 */
export function recordingMemo(
  previous: PreviousIndexParts | undefined,
  hashes: ReadonlyMap<string, string>,
): RecordingMemo {
  const source = previous === undefined ? undefined : previousAnalyses(previous, hashes);
  const recorded = new Map<string, FileAnalysis>();
  const kept = new Set<string>();
  return {
    get(path) {
      const analysis = source?.(path);
      if (analysis === undefined) return undefined;
      recorded.set(path, analysis);
      kept.add(path);
      return analysis;
    },
    set(path, analysis) {
      recorded.set(path, analysis);
      kept.delete(path);
    },
    reused: () => kept.size,
    columns(paths) {
      const factCounts = new Uint32Array(paths.length);
      const fileStatus = new Uint32Array(paths.length);
      const resolutions: [string, string][][] = [];
      for (const [position, path] of paths.entries()) {
        const analysis = recorded.get(path);
        if (analysis === undefined) return undefined;
        factCounts[position] = analysis.facts.length;
        fileStatus[position] = STATUSES.indexOf(analysis.status);
        resolutions.push(analysis.resolutions);
      }
      return { factCounts, fileStatus, resolutions };
    },
  };
}

function previousAnalyses(
  previous: PreviousIndexParts,
  hashes: ReadonlyMap<string, string>,
): ((path: string) => FileAnalysis | undefined) | undefined {
  const { facts, factCounts, fileStatus, resolutions, fileHashes, chunkPaths } = previous;
  const files = chunkPaths.length;
  if (
    facts === undefined ||
    factCounts === undefined ||
    fileStatus === undefined ||
    resolutions === undefined ||
    fileHashes === undefined ||
    factCounts.length !== files ||
    fileStatus.length !== files ||
    resolutions.length !== files ||
    fileHashes.length !== files
  )
    return undefined;
  const firstFact = new Uint32Array(files + 1);
  for (let position = 0; position < files; position += 1)
    firstFact[position + 1] = (firstFact[position] as number) + (factCounts[position] as number);
  if (firstFact[files] !== facts.length) return undefined;
  const positionOf = new Map<string, number>();
  for (const [position, path] of chunkPaths.entries()) positionOf.set(path, position);
  return (path) => {
    const position = positionOf.get(path);
    if (position === undefined || fileHashes[position] !== hashes.get(path)) return undefined;
    const status = STATUSES[fileStatus[position] as number];
    if (status === undefined) return undefined;
    return {
      facts: facts.slice(firstFact[position], firstFact[position + 1]),
      status,
      resolutions: [...(resolutions[position] ?? [])],
    };
  };
}

/**
 * The stems of today's file `index` as the previous vocabulary listed them for the same text
 * (`hashes`: today's text hashes by path), or undefined (split its text).
 */
export function previousStems(
  previous: PreviousIndexParts,
  paths: readonly string[],
  hashes: ReadonlyMap<string, string>,
): (index: number) => readonly string[] | undefined {
  const { textStems, fileHashes, stemOffsets, stemIds } = previous;
  if (
    textStems === undefined ||
    fileHashes === undefined ||
    stemOffsets === undefined ||
    stemIds === undefined ||
    fileHashes.length !== previous.chunkPaths.length ||
    stemOffsets.length !== fileHashes.length + 1 ||
    stemOffsets[fileHashes.length] !== stemIds.length
  )
    return () => undefined;
  const positionOf = new Map<string, number>();
  for (const [position, path] of previous.chunkPaths.entries()) positionOf.set(path, position);
  return (index) => {
    const path = paths[index];
    const position = path === undefined ? undefined : positionOf.get(path);
    if (position === undefined || path === undefined || fileHashes[position] !== hashes.get(path))
      return undefined;
    const from = stemOffsets[position] as number;
    const to = stemOffsets[position + 1] as number;
    if (to < from) return undefined;
    const stems = new Array<string>(to - from);
    for (let at = from; at < to; at += 1) {
      const stem = textStems[stemIds[at] as number];
      if (stem === undefined) return undefined;
      stems[at - from] = stem;
    }
    return stems;
  };
}

/** True when documents `first .. first + count - 1` are all chunks of file `position`. */
function sameFileFrom(files: Uint32Array, first: number, count: number, position: number): boolean {
  if (first + count > files.length) return false;
  for (let at = first; at < first + count; at += 1) if (files[at] !== position) return false;
  return true;
}

/**
 * Per file: the sha256 of its text's hash, the chunk options and each of its chunks' lines, names
 * and uses (the path is the file's own). Two files with the same digest have the same documents
 * with the same fields. Every part is length-prefixed or fixed, so no two inputs run together.
 */
export function fileDigestsOf(
  files: readonly WorkspaceFile[],
  chunks: ChunkColumnsView,
  names: readonly string[],
  uses: readonly string[],
  chunkLines: number,
  overlapLines: number,
): string[] {
  const digests = new Array<string>(files.length);
  let chunk = 0;
  for (const [position, file] of files.entries()) {
    let text = `${fileContentHash(file)} ${chunkLines} ${overlapLines}`;
    for (; chunk < chunks.count && chunks.files[chunk] === position; chunk += 1) {
      const made = names[chunk] as string;
      const used = uses[chunk] as string;
      text += `\n${chunks.starts[chunk]} ${chunks.ends[chunk]} ${made.length}:${made}${used.length}:${used}`;
    }
    digests[position] = createHash('sha256').update(text, 'utf8').digest('hex');
  }
  return digests;
}

/**
 * Which of today's chunks are documents of the previous index (`moved`: previous document to
 * today's number) and which must be tokenised (`fresh`): a file reuses its documents when its
 * digest is the previous one of the same path. Undefined when nothing can be reused.
 */
export function reusedDocuments(
  previous: PreviousIndexParts,
  chunks: ChunkColumnsView,
  fileDigests: readonly string[],
  chunkLines: number,
  overlapLines: number,
): { moved: Int32Array; fresh: number[] } | undefined {
  const digests = previous.fileDigests;
  if (
    digests === undefined ||
    previous.chunkLines !== chunkLines ||
    previous.overlapLines !== overlapLines ||
    digests.length !== previous.chunkPaths.length ||
    previous.chunkFiles.length !== previous.search.documentCount
  )
    return undefined;
  // Each previous file's first document (chunks come grouped by file, in file order).
  const firstOf = new Map<string, number>();
  for (let document = previous.chunkFiles.length - 1; document >= 0; document -= 1)
    firstOf.set(previous.chunkPaths[previous.chunkFiles[document] as number] as string, document);
  const positionOf = new Map<string, number>();
  for (const [position, path] of previous.chunkPaths.entries()) positionOf.set(path, position);
  const moved = new Int32Array(previous.chunkFiles.length).fill(-1);
  const fresh: number[] = [];
  let reused = 0;
  for (let chunk = 0; chunk < chunks.count; ) {
    const position = chunks.files[chunk] as number;
    let end = chunk;
    while (end < chunks.count && chunks.files[end] === position) end += 1;
    const path = chunks.paths[position] as string;
    const old = positionOf.get(path);
    const first = firstOf.get(path);
    if (
      old !== undefined &&
      first !== undefined &&
      digests[old] === fileDigests[position] &&
      sameFileFrom(previous.chunkFiles, first, end - chunk, old)
    ) {
      // The same digest: the same number of chunks, each with the same fields.
      for (let at = chunk; at < end; at += 1) moved[first + at - chunk] = at;
      reused += end - chunk;
    } else for (let at = chunk; at < end; at += 1) fresh.push(at);
    chunk = end;
  }
  return reused === 0 ? undefined : { moved, fresh };
}
