import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAsciiWordTable } from './ascii-word-table.js';
import { splitIdentifier } from './split-identifier.js';
import { createWorkspaceVocabulary, LOWERS_TO_ASCII, textStemTable } from './workspace-vocabulary.js';

/** A seeded generator: the same cases on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

const ALPHABET = 'aAbBzZ09_- .\n/$HTTPServerxmlHttpRequest';
/** Characters beyond ASCII: letters that lower-case to other non-ASCII ones, an astral pair. */
const WIDE = ['é', 'É', 'ß', 'Σ', 'ς', 'Ω', '𝒳', '\u00a0', 'ﬀ', 'Å', 'Ǆ'];

describe('ASCII word table', () => {
  it('gives the words splitIdentifier gives, in order, each word valued once', () => {
    const known: string[] = [];
    const asked = new Map<string, number>();
    const table = createAsciiWordTable((word) => {
      expect(asked.has(word)).toBe(false);
      asked.set(word, known.length);
      known.push(word);
      return known.length - 1;
    });
    const next = random(7);
    const here = fileURLToPath(new URL('.', import.meta.url));
    const texts = [
      '',
      'a',
      'ab',
      'HTTPServer parseURLString getX2Y a1B2c3 ABC ABCdef _x_ XMLHttpRequest',
      'caféLatte NAÏVEParser ÉtéHTTP straßeName ΣigmaX',
      ...Array.from({ length: 3_000 }, (_, round) =>
        Array.from({ length: Math.floor(next() * 40) }, () =>
          round % 2 === 1 && next() < 0.15
            ? WIDE[Math.floor(next() * WIDE.length)]
            : ALPHABET[Math.floor(next() * ALPHABET.length)],
        ).join(''),
      ),
      ...readdirSync(here)
        .filter((name) => name.endsWith('.ts'))
        .map((name) => readFileSync(join(here, name), 'utf8'))
        .filter((text) => !LOWERS_TO_ASCII.test(text)),
    ];
    for (const text of texts) {
      const words: string[] = [];
      table.eachWord(text, (value) => words.push(known[value] as string));
      expect(words, JSON.stringify(text.slice(0, 80))).toEqual(splitIdentifier(text));
    }
    expect(known.length).toBeGreaterThan(500);
  });

  it('is told of the only characters that lower-case to ASCII letters or digits', () => {
    const found: number[] = [];
    for (let point = 0x80; point <= 0x10ffff; point += 1) {
      if (point >= 0xd800 && point <= 0xdfff) continue;
      if (/[a-z0-9]/.test(String.fromCodePoint(point).toLowerCase())) found.push(point);
    }
    expect(found).toEqual([0x130, 0x212a]);
    for (const point of found) expect(LOWERS_TO_ASCII.test(String.fromCodePoint(point))).toBe(true);
  });

  it('keeps the vocabulary its stems in the same order, ASCII and other files mixed', async () => {
    const here = fileURLToPath(new URL('.', import.meta.url));
    const files = readdirSync(here)
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => ({ path: `src/analysis/${name}`, text: readFileSync(join(here, name), 'utf8') }));
    files.splice(3, 0, { path: 'x.md', text: 'Ünïcode wordsHere İstanbul KELVIN \u212aelvinX' });
    files.splice(5, 0, { path: 'y.md', text: 'Ünïcode wordsHere caféLatte ΣigmaX 𝒳yz' });
    // The definition: each file's words split, stemmed, stems listed once per file as first seen.
    const { stemWord } = await import('./split-identifier.js');
    const order = new Map<string, number>();
    const perFile: number[][] = [];
    for (const file of files) {
      const listed: number[] = [];
      for (const word of splitIdentifier(file.text)) {
        const stem = stemWord(word);
        if (!order.has(stem)) order.set(stem, order.size);
        const id = order.get(stem) as number;
        if (!listed.includes(id)) listed.push(id);
      }
      perFile.push(listed);
    }
    const table = await textStemTable(files);
    expect([...table.stems.keys()]).toEqual([...order.keys()]);
    const { offsets, ids } = table.perFile;
    expect(files.map((_, index) => [...ids.subarray(offsets[index], offsets[index + 1])])).toEqual(perFile);
    expect(createWorkspaceVocabulary(files, []).textStems()).toEqual([...order.keys()]);
  });
});
