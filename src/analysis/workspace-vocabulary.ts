import { createAsciiWordTable } from './ascii-word-table.js';
import type { SourceFact } from './source-fact.js';
import { splitIdentifier, stemsMeet, stemWord } from './split-identifier.js';

/**
 * The workspace's own words: the names it defines and exports, its file and folder names, and
 * every word of its text. Objectives are expanded from it, so retrieval speaks the workspace's
 * language instead of a list tuned to one sample.
 */
export interface WorkspaceVocabulary {
  /** True when the word (or its stem) occurs anywhere in the workspace. */
  has(word: string): boolean;
  /** Names (symbols, file and folder names) whose words meet `word`, most used first. */
  expand(word: string, limit?: number): string[];
  /** How many distinct names the vocabulary holds. */
  readonly nameCount: number;
  /** The stems of every word of the files' text (what the index cache stores to skip re-reading them). */
  textStems(): string[];
  /**
   * Per file, the positions in `textStems()` of its text's distinct stems in the order first seen
   * (file `i`'s are `ids[offsets[i] .. offsets[i + 1] - 1]`); undefined when the vocabulary was
   * made from stored stems of the whole workspace.
   */
  fileStems(): { offsets: Uint32Array; ids: Uint32Array } | undefined;
}

/**
 * The stems file `index`'s text gave an earlier vocabulary (its `fileStems()`, for the same text),
 * or undefined to split the text again.
 */
export type StemsOfFile = (index: number) => readonly string[] | undefined;

/** The stems of every file's text, worked out before the facts are known (`textStemTable`). */
export interface TextStemTable {
  readonly stems: Map<string, number>;
  readonly perFile: { offsets: Uint32Array; ids: Uint32Array };
}

/** Characters of text split per event-loop turn by `textStemTable` (a few milliseconds). */
export const STEM_TURN_CHARS = 256 * 1024;

/**
 * The stems of the files' text (from `stemsOf` where it knows a file), as `createWorkspaceVocabulary`
 * would work them out: they depend on the texts alone, so they can be made while the facts are.
 * A few files per event-loop turn (about `turnChars` characters), so this thread still answers what
 * it waits for meanwhile: the analysis workers' batches are taken and the next ones sent between
 * turns, instead of the workers idling until every text is split.
 */
export async function textStemTable(
  files: readonly { text: string }[],
  stemsOf?: StemsOfFile,
  turnChars = STEM_TURN_CHARS,
): Promise<TextStemTable> {
  const stems = new Map<string, number>();
  const builder = stemBuilder(files, stems, stemsOf);
  for (let next = 0; next < files.length; ) {
    let end = next;
    let chars = 0;
    while (end < files.length && (end === next || chars < turnChars)) {
      chars += (files[end] as { text: string }).text.length;
      end += 1;
    }
    builder.step(end - next);
    next = end;
    if (next < files.length) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { stems, perFile: builder.result() };
}

function fileNames(path: string): string[] {
  const segments = path.split('/');
  const base = (segments.pop() ?? '').replace(/\.[^.]+$/, '').replace(/\.(test|spec|d)$/, '');
  return [...segments, base].filter((name) => name.length > 1 && name !== 'src' && name !== 'index');
}

/**
 * Builds the vocabulary from the analysis facts and the files' text; `textStems`, when given, are
 * the stems an earlier `textStems()` returned for the same texts (the texts are then not split),
 * or per file the stems an earlier `fileStems()` listed for the same text (other files are split),
 * or the table `textStemTable` made of these files.
 * Stems enter in the order first seen, file after file, so per-file stems joined in file order
 * give the same stems in the same order as splitting every text.
 */
export function createWorkspaceVocabulary(
  files: readonly { path: string; text: string }[],
  facts: readonly SourceFact[],
  textStems?: readonly string[] | StemsOfFile | TextStemTable,
): WorkspaceVocabulary {
  const nameUses = new Map<string, number>();
  const add = (name: string, weight: number) => nameUses.set(name, (nameUses.get(name) ?? 0) + weight);
  for (const fact of facts) {
    if (fact.kind === 'defines' || fact.kind === 'exports') for (const name of fact.names) add(name, 3);
    else if (fact.kind === 'imports' || fact.kind === 'calls')
      for (const name of fact.names) if (!name.startsWith('.')) add(name, 1);
  }
  for (const file of files) for (const name of fileNames(file.path)) add(name, 2);
  const byWord = new Map<string, Set<string>>();
  for (const name of nameUses.keys()) {
    for (const part of splitIdentifier(name)) {
      const set = byWord.get(part);
      if (set === undefined) byWord.set(part, new Set([name]));
      else set.add(name);
    }
  }
  let fromText = new Map<string, number>();
  let perFile: { offsets: Uint32Array; ids: Uint32Array } | undefined;
  if (Array.isArray(textStems)) for (const stem of textStems) fromText.set(stem, fromText.size);
  else if (typeof textStems === 'object') {
    const table = textStems as TextStemTable;
    fromText = table.stems;
    perFile = table.perFile;
  } else perFile = fileTextStems(files, fromText, textStems);
  // The names' words with their stems worked out once (a query compares against every one).
  const nameWords = [...byWord.keys()];
  const nameStems = nameWords.map(stemWord);
  const nameStemSet = new Set(nameStems);
  return {
    nameCount: nameUses.size,
    textStems: () => [...fromText.keys()],
    fileStems: () => perFile,
    has(word) {
      const stem = stemWord(word);
      if (fromText.has(stem) || nameStemSet.has(stem)) return true;
      for (let at = 0; at < nameWords.length; at += 1)
        if (stemsMeet(nameWords[at] as string, nameStems[at] as string, word, stem)) return true;
      return false;
    },
    expand(word, limit = 12) {
      const names = new Set<string>();
      const stem = stemWord(word);
      for (let at = 0; at < nameWords.length; at += 1) {
        const part = nameWords[at] as string;
        if (stemsMeet(part, nameStems[at] as string, word, stem))
          for (const name of byWord.get(part) ?? []) names.add(name);
      }
      return [...names]
        .sort(
          (left, right) =>
            (nameUses.get(right) ?? 0) - (nameUses.get(left) ?? 0) || left.localeCompare(right),
        )
        .slice(0, limit);
    },
  };
}

/**
 * Adds the stems of every file's text to `stems` (stem to position), from `stemsOf` where it knows
 * the file, else by splitting the text, and lists each file's distinct stems by position.
 */
function fileTextStems(
  files: readonly { text: string }[],
  stems: Map<string, number>,
  stemsOf: StemsOfFile | undefined,
): { offsets: Uint32Array; ids: Uint32Array } {
  const builder = stemBuilder(files, stems, stemsOf);
  builder.step(files.length);
  return builder.result();
}

/** `fileTextStems` a few files at a time: `step(n)` adds the next `n` files' stems, true when all are in. */
function stemBuilder(
  files: readonly { text: string }[],
  stems: Map<string, number>,
  stemsOf: StemsOfFile | undefined,
): { step(files: number): boolean; result(): { offsets: Uint32Array; ids: Uint32Array } } {
  const offsets = new Uint32Array(files.length + 1);
  let ids = new Uint32Array(4096);
  let count = 0;
  let index = 0;
  // The last file each stem was listed for: a stem is listed once per file.
  let listedIn = new Int32Array(4096).fill(-1);
  /** The stem's position, given when it is first seen. */
  const idOf = (stem: string) => {
    let id = stems.get(stem);
    if (id === undefined) {
      id = stems.size;
      stems.set(ownCopy(stem), id);
    }
    return id;
  };
  // ASCII text is split by spans: each distinct word is stemmed once for the whole workspace.
  const words = createAsciiWordTable((word) => idOf(stemWord(word)));
  let file = -1;
  const listId = (id: number) => {
    if (id >= listedIn.length) {
      const grown = new Int32Array(Math.max(id + 1, listedIn.length * 2)).fill(-1);
      grown.set(listedIn);
      listedIn = grown;
    }
    if (listedIn[id] === file) return;
    listedIn[id] = file;
    if (count === ids.length) {
      const grown = new Uint32Array(ids.length * 2);
      grown.set(ids);
      ids = grown;
    }
    ids[count] = id;
    count += 1;
  };
  return {
    step(most) {
      const end = Math.min(files.length, index + most);
      for (; index < end; index += 1) {
        file = index;
        const known = stemsOf?.(index);
        const text = (files[index] as { text: string }).text;
        if (known !== undefined) for (const stem of known) listId(idOf(stem));
        else if (!LOWERS_TO_ASCII.test(text)) words.eachWord(text, listId);
        else {
          // A word seen before in this file already listed its stem: stem each distinct word once.
          const seen = new Set<string>();
          for (const word of splitIdentifier(text)) {
            if (seen.has(word)) continue;
            seen.add(word);
            listId(idOf(stemWord(word)));
          }
        }
        offsets[index + 1] = count;
      }
      return index === files.length;
    },
    result: () => ({ offsets, ids: ids.slice(0, count) }),
  };
}

/**
 * The only characters beyond ASCII that lower-case to an ASCII letter or digit (`İ` to `i̇`, the
 * Kelvin sign to `k`; a test checks every code point). In text without them, every other non-ASCII
 * character lower-cases to no ASCII letter or digit and so only separates words, in
 * `splitIdentifier`'s regular expressions as in its scanner: the word table splits such text.
 */
export const LOWERS_TO_ASCII = /[\u0130\u212a]/;

/** `text` as a string of its own: V8 keeps substrings of 13+ characters as views into their parent. */
function ownCopy(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}
