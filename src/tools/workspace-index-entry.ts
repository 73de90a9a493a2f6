import { createHash } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import { endianness } from 'node:os';
import { shareFactStrings, stringSharer } from '../analysis/index.js';
import { type FrequencyArray, frequencyWidth } from './bm25-frequencies.js';
import { type Bm25Data, bm25DataProblem } from './bm25-index.js';
import { releaseBuffer } from './release-buffer.js';
import { chunkPartsProblem, type WorkspaceIndexParts } from './workspace-index.js';
import type { PreviousIndexParts } from './workspace-index-reuse.js';

/** Bump when the stored parts change shape. */
export const ENTRY_FORMAT = 'swarmlord.workspace-index/v7';
/** Typed arrays are written and read as their own bytes when the machine is little-endian. */
const LITTLE_ENDIAN = endianness() === 'LE';
/** Longest first line: the format and two byte counts. */
const PREFIX_BYTES = 80;

/** The first header: what a search and a later build's reuse need. */
interface SearchHeader {
  format: string;
  key: string;
  /** The fingerprint of the code that built the entry (a later build reuses only its own code's). */
  fingerprint: string;
  chunkLines: number;
  overlapLines: number;
  chunkPaths: string[];
  fileDigests?: string[];
  fileHashes?: string[];
  textStems?: string[];
  search: Omit<Bm25Data, 'offsets' | 'documents' | 'frequencies' | 'fieldLengths' | 'terms'> & {
    terms: string;
    /** Bytes per stored frequency (1, 2 or 4); the frequencies are the last array, padded to 4 bytes. */
    frequencyWidth: number;
  };
  lengths: number[];
}

/** The second header: the analysis (facts), read only for a hit. */
export type AnalysisHeader = Pick<
  WorkspaceIndexParts,
  'facts' | 'parsedFiles' | 'unparsedFiles' | 'resolutions'
>;

/** The arrays after the headers, in order (absent per-file stems are stored empty). */
const ARRAYS = 11;

/**
 * An entry is one file: a first line `<format> <search header bytes> <analysis header bytes>`,
 * the search header (key, code fingerprint, chunk options, file paths, digests and text hashes,
 * the text stems, the BM25 scalars and terms, the length of each array), the analysis header
 * (facts), then the arrays (BM25 offsets, postings and field lengths; each chunk's file, first and
 * last line; each file's stems by position) as
 * little-endian uint32 bytes. The lengths up front let a reader read each part into its own buffer
 * (the arrays become views of the bytes read, never a second copy). Every piece of the headers'
 * text is given to `clean` (the redactor's check) before anything is given to write: undefined as
 * soon as one is not, and nothing is to be written.
 *
 * The pieces are given as they are written (`EncodedEntry.pieces`), not held: the analysis
 * header's pieces are made once to be checked and counted, and made again as they are written, so
 * no ~7 MB of their bytes stays in memory until the next full collection. Each piece made again
 * must have the SHA-256 of the piece that was checked, else the pieces stop with an error (the
 * caller writes a temp file and does not rename it): only bytes the check saw are ever written.
 */
export function encodeEntry(
  key: string,
  fingerprint: string,
  parts: WorkspaceIndexParts,
  clean: (text: string) => boolean,
): EncodedEntry | undefined {
  const { search, chunkFiles, chunkStarts, chunkEnds, facts, parsedFiles, unparsedFiles, textStems } = parts;
  const { offsets, documents, frequencies, fieldLengths, terms, ...scalars } = search;
  const empty = new Uint32Array(0);
  const stems = parts.stemOffsets !== undefined && parts.stemIds !== undefined;
  const arrays = [
    offsets,
    documents,
    fieldLengths,
    chunkFiles,
    chunkStarts,
    chunkEnds,
    (stems && parts.stemOffsets) || empty,
    (stems && parts.stemIds) || empty,
    parts.factCounts ?? empty,
    parts.fileStatus ?? empty,
  ];
  const first: SearchHeader = {
    format: ENTRY_FORMAT,
    key,
    fingerprint,
    chunkLines: parts.chunkLines,
    overlapLines: parts.overlapLines,
    chunkPaths: parts.chunkPaths,
    ...(parts.fileDigests === undefined ? {} : { fileDigests: parts.fileDigests }),
    ...(parts.fileHashes === undefined ? {} : { fileHashes: parts.fileHashes }),
    ...(textStems === undefined ? {} : { textStems }),
    search: { ...scalars, terms: terms.join(' '), frequencyWidth: frequencyWidth(frequencies) },
    lengths: [...arrays.map((array) => array.length), Math.ceil(frequencies.byteLength / 4)],
  };
  const second: AnalysisHeader = {
    facts,
    parsedFiles,
    unparsedFiles,
    ...(parts.resolutions === undefined ? {} : { resolutions: parts.resolutions }),
  };
  const searchText = JSON.stringify(first);
  if (!clean(searchText)) return undefined;
  // Each piece checked, counted and fingerprinted; its text (two bytes per character once it
  // quotes one non-ASCII character) and bytes are garbage at once, never all of it in memory.
  const checked: Buffer[] = [];
  let analysisBytes = 0;
  const allClean = eachAnalysisPiece(second, (piece) => {
    if (!clean(piece)) return false;
    const bytes = Buffer.from(piece, 'utf8');
    checked.push(pieceDigest(bytes));
    analysisBytes += bytes.length;
    return true;
  });
  if (!allClean) return undefined;
  const body = arrays.map((array) => {
    if (LITTLE_ENDIAN) return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
    const bytes = Buffer.alloc(array.length * 4);
    for (let index = 0; index < array.length; index += 1)
      bytes.writeUInt32LE(array[index] as number, index * 4);
    return bytes;
  });
  body.push(...frequencyBytes(frequencies));
  const prefix = `${ENTRY_FORMAT} ${Buffer.byteLength(searchText, 'utf8')} ${analysisBytes}\n`;
  return {
    *pieces() {
      // The search header is written as text (encoded as it is written).
      yield prefix;
      yield searchText;
      let at = 0;
      for (const piece of analysisPieces(second)) {
        const bytes = Buffer.from(piece, 'utf8');
        const expected = checked[at];
        at += 1;
        if (expected === undefined || !pieceDigest(bytes).equals(expected))
          throw new Error('the analysis header changed after it was checked');
        yield bytes;
      }
      if (at !== checked.length) throw new Error('the analysis header changed after it was checked');
      yield* body;
    },
  };
}

/** What `encodeEntry` gives to write: the entry's pieces in order, each made as it is asked for. */
export interface EncodedEntry {
  pieces(): Iterable<Buffer | string>;
}

/** The SHA-256 of a checked piece's bytes (the same piece made again must have it). */
function pieceDigest(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}

/** Characters of facts' JSON per piece of the analysis header (a few hundred facts). */
const FACTS_PIECE_CHARS = 64 * 1024;

/**
 * `JSON.stringify(header)` as consecutive pieces (joined, exactly that text): its opening, the
 * facts' JSON a hundred or so at a time with the commas between them, and the rest. One string of
 * the whole header would be ~7 MB at 5k files, and twice that as soon as one fact quotes a
 * non-ASCII character (the whole string is then two bytes per character), with as much again while
 * it is built; pieces are each small, most of them one byte per character, and each is garbage
 * once written. Every string value lies whole inside one piece, so the redactor's check of each
 * piece finds every secret the whole text holds (what a scan of the whole text would find beyond
 * that spans two facts' JSON, the structure between them, as decision 0057 argues for receipts).
 */
export function analysisHeaderPieces(header: AnalysisHeader): string[] {
  const pieces: string[] = [];
  eachAnalysisPiece(header, (piece) => pieces.push(piece) > 0);
  return pieces;
}

/** Gives `analysisHeaderPieces`' pieces to `use` in order, while it answers true; false if it stopped. */
function eachAnalysisPiece(header: AnalysisHeader, use: (piece: string) => boolean): boolean {
  for (const piece of analysisPieces(header)) if (!use(piece)) return false;
  return true;
}

/** `analysisHeaderPieces`' pieces, each made when it is asked for. */
function* analysisPieces(header: AnalysisHeader): Generator<string> {
  const { facts, ...rest } = header;
  // `{"facts":[],…}`: the facts go between its brackets (`facts` is the header's first key).
  const skeleton = JSON.stringify({ facts: [], ...rest });
  const open = '{"facts":[';
  yield open;
  // Facts per piece, from the average length of those already written (one string per piece,
  // none per fact).
  let count = 64;
  for (let first = 0; first < facts.length; ) {
    const end = Math.min(facts.length, first + count);
    const array = JSON.stringify(facts.slice(first, end));
    // `[f, …, g]` without its brackets, after a comma unless it is the first.
    yield first === 0 ? array.slice(1, -1) : `,${array.slice(1, -1)}`;
    count = Math.max(1, Math.round((FACTS_PIECE_CHARS * (end - first)) / Math.max(1, array.length)));
    first = end;
  }
  yield skeleton.slice(open.length);
}

/**
 * Frees, now, the arrays of parts `readPreviousEntry` read (views of the bytes read from the
 * file): for the caller that read them and is done with them. None of their arrays may be read
 * again; never for parts an index may still search (an entry read back for a hit).
 */
export function releasePreviousEntry(previous: PreviousIndexParts): void {
  releaseBuffer(previous.search.documents.buffer);
  releaseBuffer(previous.search.frequencies.buffer);
}

/**
 * The parts of the entry at `path` written under `key`, or undefined for any other or damaged
 * entry (a miss, never a wrong answer).
 */
export async function readEntry(path: string, key: string): Promise<WorkspaceIndexParts | undefined> {
  const read = await readParts(path, key, undefined);
  return read?.parts;
}

/**
 * The parts of the entry at `path` (written under `key` by code of `fingerprint`, else undefined):
 * what a build reuses for the files that did not change.
 */
export async function readPreviousEntry(
  path: string,
  key: string,
  fingerprint: string,
): Promise<PreviousIndexParts | undefined> {
  return (await readParts(path, key, fingerprint))?.previous;
}

async function readParts(
  path: string,
  key: string,
  fingerprint: string | undefined,
): Promise<{ parts: WorkspaceIndexParts; previous: PreviousIndexParts } | undefined> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    const prefix = Buffer.alloc(Math.min(PREFIX_BYTES, size));
    await readFully(handle, prefix, 0);
    const newline = prefix.indexOf(10);
    const match = /^(\S+) (\d+) (\d+)$/.exec(prefix.toString('latin1', 0, Math.max(newline, 0)));
    if (newline === -1 || match?.[1] !== ENTRY_FORMAT) return undefined;
    const searchLength = Number(match[2]);
    const analysisLength = Number(match[3]);
    const analysisAt = newline + 1 + searchLength;
    const arraysAt = analysisAt + analysisLength;
    if (arraysAt > size || (size - arraysAt) % 4 !== 0) return undefined;
    const searchBytes = Buffer.alloc(searchLength);
    await readFully(handle, searchBytes, newline + 1);
    const header = JSON.parse(searchBytes.toString('utf8')) as SearchHeader;
    if (header.format !== ENTRY_FORMAT || header.key !== key || !Array.isArray(header.lengths))
      return undefined;
    if (fingerprint !== undefined && header.fingerprint !== fingerprint) return undefined;
    const total = header.lengths.reduce((sum, length) => sum + length, 0);
    if (total * 4 !== size - arraysAt) return undefined;
    // One buffer for every array, read straight from the file; each array is a view of its part.
    const body = new Uint32Array(total);
    await readFully(handle, Buffer.from(body.buffer), arraysAt);
    const width = header.search.frequencyWidth;
    const frequencyWords = header.lengths[ARRAYS - 1];
    if (header.lengths.length !== ARRAYS || frequencyWords === undefined) return undefined;
    // Read before the words are turned to this machine's order (they are bytes or pairs of them).
    const frequencies = frequenciesAt(body, total - frequencyWords, width, header.lengths[1] ?? 0);
    if (frequencies === undefined) return undefined;
    if (!LITTLE_ENDIAN) {
      const view = new DataView(body.buffer);
      for (let index = 0; index < total; index += 1) body[index] = view.getUint32(index * 4, true);
    }
    const arrays: Uint32Array[] = [];
    let at = 0;
    for (const length of header.lengths) {
      arrays.push(body.subarray(at, at + length));
      at += length;
    }
    const [offsets, documents, fieldLengths, chunkFiles, chunkStarts, chunkEnds, stemOffsets, stemIds] =
      arrays;
    const [factCounts, fileStatus] = arrays.slice(8);
    if (
      arrays.length !== ARRAYS ||
      factCounts === undefined ||
      fileStatus === undefined ||
      stemOffsets === undefined ||
      stemIds === undefined ||
      offsets === undefined ||
      documents === undefined ||
      fieldLengths === undefined ||
      chunkFiles === undefined ||
      chunkStarts === undefined ||
      chunkEnds === undefined
    )
      return undefined;
    const { frequencyWidth: _width, ...scalars } = header.search;
    const terms = scalars.terms === '' ? [] : scalars.terms.split(' ');
    const search: Bm25Data = { ...scalars, terms, offsets, documents, frequencies, fieldLengths };
    const optional = {
      ...(header.fileDigests === undefined ? {} : { fileDigests: header.fileDigests }),
      ...(header.fileHashes === undefined ? {} : { fileHashes: header.fileHashes }),
      ...(header.textStems === undefined ? {} : { textStems: header.textStems }),
      ...(stemOffsets.length === 0 ? {} : { stemOffsets, stemIds }),
    };
    const columns = {
      chunkLines: header.chunkLines,
      overlapLines: header.overlapLines,
      chunkPaths: header.chunkPaths,
      chunkFiles,
      chunkStarts,
      chunkEnds,
      search,
      facts: [],
      parsedFiles: 0,
      unparsedFiles: [],
    };
    // A damaged entry is a miss, never a wrong answer.
    if (bm25DataProblem(search) !== undefined || chunkPartsProblem(columns) !== undefined) return undefined;
    const analysisBytes = Buffer.alloc(analysisLength);
    await readFully(handle, analysisBytes, analysisAt);
    const analysis = JSON.parse(analysisBytes.toString('utf8')) as AnalysisHeader;
    if (!Array.isArray(analysis.facts)) return undefined;
    // JSON gives each fact its own copy of its path, kind and words: one string per value instead.
    const share = stringSharer();
    for (const chunkPath of header.chunkPaths) share(chunkPath);
    shareFactStrings(analysis.facts, share);
    const parts: WorkspaceIndexParts = {
      ...columns,
      ...optional,
      facts: analysis.facts,
      parsedFiles: analysis.parsedFiles,
      unparsedFiles: analysis.unparsedFiles,
      ...(factCounts.length === 0 ? {} : { factCounts, fileStatus }),
      ...(Array.isArray(analysis.resolutions) ? { resolutions: analysis.resolutions } : {}),
    };
    return { parts, previous: parts };
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** The frequencies' bytes as stored: little-endian, padded to a multiple of 4 bytes. */
function frequencyBytes(frequencies: FrequencyArray): Buffer[] {
  const width = frequencyWidth(frequencies);
  const padded = Math.ceil(frequencies.byteLength / 4) * 4;
  if (LITTLE_ENDIAN) {
    const bytes = Buffer.from(frequencies.buffer, frequencies.byteOffset, frequencies.byteLength);
    return padded === bytes.length ? [bytes] : [bytes, Buffer.alloc(padded - bytes.length)];
  }
  const bytes = Buffer.alloc(padded);
  for (let index = 0; index < frequencies.length; index += 1)
    bytes.writeUIntLE(frequencies[index] as number, index * width, width);
  return [bytes];
}

/**
 * The `count` frequencies of `width` bytes stored from word `word` of `body` (as read, before any
 * change of byte order), or undefined when the width or the room is not what a writer makes.
 */
function frequenciesAt(
  body: Uint32Array,
  word: number,
  width: number,
  count: number,
): FrequencyArray | undefined {
  if ((width !== 1 && width !== 2 && width !== 4) || word < 0) return undefined;
  if (Math.ceil((count * width) / 4) !== body.length - word) return undefined;
  const at = body.byteOffset + word * 4;
  if (LITTLE_ENDIAN)
    return width === 1
      ? new Uint8Array(body.buffer, at, count)
      : width === 2
        ? new Uint16Array(body.buffer, at, count)
        : new Uint32Array(body.buffer, at, count);
  const view = new DataView(body.buffer, at);
  const frequencies =
    width === 1 ? new Uint8Array(count) : width === 2 ? new Uint16Array(count) : new Uint32Array(count);
  for (let index = 0; index < count; index += 1)
    frequencies[index] =
      width === 1
        ? view.getUint8(index)
        : width === 2
          ? view.getUint16(index * 2, true)
          : view.getUint32(index * 4, true);
  return frequencies;
}

/** Fills `buffer` from `position` of the file; a file shorter than that throws (a miss). */
async function readFully(handle: FileHandle, buffer: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesRead } = await handle.read(buffer, done, buffer.length - done, position + done);
    if (bytesRead === 0) throw new Error('the entry ends early');
    done += bytesRead;
  }
}
