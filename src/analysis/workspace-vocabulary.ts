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
}

function fileNames(path: string): string[] {
  const segments = path.split('/');
  const base = (segments.pop() ?? '').replace(/\.[^.]+$/, '').replace(/\.(test|spec|d)$/, '');
  return [...segments, base].filter((name) => name.length > 1 && name !== 'src' && name !== 'index');
}

/**
 * Builds the vocabulary from the analysis facts and the files' text; `textStems`, when given, are
 * the stems an earlier `textStems()` returned for the same texts (the texts are then not split).
 */
export function createWorkspaceVocabulary(
  files: readonly { path: string; text: string }[],
  facts: readonly SourceFact[],
  textStems?: readonly string[],
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
  const fromText = new Set<string>(textStems);
  if (textStems === undefined) for (const file of files) addTextStems(file.text, fromText);
  // The names' words with their stems worked out once (a query compares against every one).
  const nameWords = [...byWord.keys()];
  const nameStems = nameWords.map(stemWord);
  const nameStemSet = new Set(nameStems);
  return {
    nameCount: nameUses.size,
    textStems: () => [...fromText],
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
 * Adds the stem of every word of `text` to `stems`. A stem kept is copied out of the text's words,
 * so the set never holds a slice that keeps a lowercased copy of a whole file alive.
 */
function addTextStems(text: string, stems: Set<string>): void {
  // A word seen before in this file already added its stem: stem each distinct word once.
  const seen = new Set<string>();
  for (const word of splitIdentifier(text)) {
    if (seen.has(word)) continue;
    seen.add(word);
    const stem = stemWord(word);
    if (!stems.has(stem)) stems.add(ownCopy(stem));
  }
}

/** `text` as a string of its own: V8 keeps substrings of 13+ characters as views into their parent. */
function ownCopy(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}
