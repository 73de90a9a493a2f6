import type { SourceFact } from './source-fact.js';
import { splitIdentifier, stemWord, wordsMeet } from './split-identifier.js';

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
  const partsOf = new Map<string, string[]>();
  const byWord = new Map<string, Set<string>>();
  for (const name of nameUses.keys()) {
    const parts = splitIdentifier(name);
    partsOf.set(name, parts);
    for (const part of parts) {
      const set = byWord.get(part) ?? new Set<string>();
      set.add(name);
      byWord.set(part, set);
    }
  }
  const fromText = new Set<string>(textStems);
  if (textStems === undefined)
    for (const file of files) for (const word of splitIdentifier(file.text)) fromText.add(stemWord(word));
  const stems = new Set<string>(fromText);
  for (const word of byWord.keys()) stems.add(stemWord(word));
  const nameWords = [...byWord.keys()];
  return {
    nameCount: nameUses.size,
    textStems: () => [...fromText],
    has(word) {
      return stems.has(stemWord(word)) || nameWords.some((part) => wordsMeet(part, word));
    },
    expand(word, limit = 12) {
      const names = new Set<string>();
      for (const part of nameWords)
        if (wordsMeet(part, word)) for (const name of byWord.get(part) ?? []) names.add(name);
      return [...names]
        .sort(
          (left, right) =>
            (nameUses.get(right) ?? 0) - (nameUses.get(left) ?? 0) || left.localeCompare(right),
        )
        .slice(0, limit);
    },
  };
}
