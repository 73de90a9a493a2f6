import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analysisFromFacts, analyzeWorkspace } from './analyze-workspace.js';
import type { SourceFact } from './source-fact.js';
import { splitByRegex as splitIdentifier, stemWord } from './split-identifier.js';

/**
 * The analysis shares strings and precomputes stems to save memory and time; these references are
 * the plain definitions it must agree with, checked on a real multi-file workspace (this package's
 * own sources and a dependency), so a saving can never change a fact or an answer.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));

function filesUnder(dir: string, within: string): { path: string; text: string }[] {
  const found: { path: string; text: string }[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(m?[jt]sx?|json|md)$/.test(entry.name))
        found.push({ path: relative(within, path), text: readFileSync(path, 'utf8') });
    }
  };
  walk(dir);
  return found;
}

const files = [
  ...filesUnder(join(root, 'src/analysis'), root),
  ...filesUnder(join(root, 'src/tools'), root),
  ...filesUnder(join(root, 'node_modules/commander'), join(root, 'node_modules')),
];

function wordsMeet(left: string, right: string): boolean {
  if (left === right) return true;
  const a = stemWord(left);
  const b = stemWord(right);
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short);
}

function referenceTerms(fact: SourceFact): string[] {
  return [...new Set([...fact.names.flatMap(splitIdentifier), ...splitIdentifier(fact.path)])];
}

/** The vocabulary as first written: every stem of every word, every query compared word by word. */
function referenceVocabulary(facts: readonly SourceFact[]) {
  const nameUses = new Map<string, number>();
  const add = (name: string, weight: number) => nameUses.set(name, (nameUses.get(name) ?? 0) + weight);
  for (const fact of facts) {
    if (fact.kind === 'defines' || fact.kind === 'exports') for (const name of fact.names) add(name, 3);
    else if (fact.kind === 'imports' || fact.kind === 'calls')
      for (const name of fact.names) if (!name.startsWith('.')) add(name, 1);
  }
  for (const file of files) {
    const segments = file.path.split('/');
    const base = (segments.pop() ?? '').replace(/\.[^.]+$/, '').replace(/\.(test|spec|d)$/, '');
    for (const name of [...segments, base])
      if (name.length > 1 && name !== 'src' && name !== 'index') add(name, 2);
  }
  const byWord = new Map<string, Set<string>>();
  for (const name of nameUses.keys())
    for (const part of splitIdentifier(name)) byWord.set(part, (byWord.get(part) ?? new Set()).add(name));
  const fromText = new Set<string>();
  for (const file of files) for (const word of splitIdentifier(file.text)) fromText.add(stemWord(word));
  const stems = new Set([...fromText, ...[...byWord.keys()].map(stemWord)]);
  const nameWords = [...byWord.keys()];
  return {
    nameCount: nameUses.size,
    textStems: [...fromText],
    nameWords,
    has: (word: string) => stems.has(stemWord(word)) || nameWords.some((part) => wordsMeet(part, word)),
    expand: (word: string, limit: number) => {
      const names = new Set<string>();
      for (const part of nameWords)
        if (wordsMeet(part, word)) for (const name of byWord.get(part) ?? []) names.add(name);
      return [...names]
        .sort((l, r) => (nameUses.get(r) ?? 0) - (nameUses.get(l) ?? 0) || l.localeCompare(r))
        .slice(0, limit);
    },
  };
}

describe('the analysis of a real workspace agrees with the plain definitions', () => {
  const analysis = analyzeWorkspace(files);
  const reference = referenceVocabulary(analysis.facts);
  const every = (count: number, words: readonly string[]) =>
    words.filter((_, at) => at % Math.max(1, Math.floor(words.length / count)) === 0);
  const queries = [
    ...every(150, reference.nameWords),
    ...every(150, reference.textStems),
    ...['auth', 'authentication', 'route', 'routing', 'option', 'commands', 'zzqx', 'parsing', 'a', ''],
  ];

  it('reads enough of it to mean something', () => {
    expect(analysis.parsedFiles).toBeGreaterThan(50);
    expect(analysis.facts.length).toBeGreaterThan(500);
  });

  it('gives every fact the terms of its names and path, in that order', () => {
    for (const fact of analysis.facts) expect(fact.terms).toEqual(referenceTerms(fact));
  });

  it('groups facts by file and lists the imports between workspace files', () => {
    expect(analysis.imports).toEqual(
      analysis.facts.flatMap((fact) =>
        fact.target !== undefined && fact.target !== fact.path ? [{ from: fact.path, to: fact.target }] : [],
      ),
    );
    for (const file of files) {
      const own = analysis.facts.filter((fact) => fact.path === file.path);
      expect(analysis.factsOf(file.path)).toEqual(own);
      expect(analysis.factsIn(file.path, 10, 40)).toEqual(
        own.filter((fact) => fact.line >= 10 && fact.endLine <= 40),
      );
    }
  });

  it('holds the same stems, names and answers', () => {
    expect(analysis.vocabulary.textStems()).toEqual(reference.textStems);
    expect(analysis.vocabulary.nameCount).toBe(reference.nameCount);
    for (const word of queries) {
      expect(analysis.vocabulary.has(word), word).toBe(reference.has(word));
      expect(analysis.vocabulary.expand(word, 8), word).toEqual(reference.expand(word, 8));
    }
  });

  it('answers the same when rebuilt from the facts and stems it stored', () => {
    const rebuilt = analysisFromFacts(
      files,
      JSON.parse(JSON.stringify(analysis.facts)),
      analysis.parsedFiles,
      [...analysis.unparsedFiles],
      analysis.vocabulary.textStems(),
    );
    expect(rebuilt.facts).toEqual(analysis.facts);
    expect(rebuilt.imports).toEqual(analysis.imports);
    expect(rebuilt.vocabulary.textStems()).toEqual(reference.textStems);
    for (const word of queries) {
      expect(rebuilt.vocabulary.has(word), word).toBe(reference.has(word));
      expect(rebuilt.vocabulary.expand(word, 8), word).toEqual(reference.expand(word, 8));
    }
  });
});
