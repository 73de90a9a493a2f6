import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitByRegex, splitIdentifier } from './split-identifier.js';

describe('splitIdentifier', () => {
  it('splits every naming style into lowercase words', () => {
    expect(splitIdentifier('createSessionToken')).toEqual(['create', 'session', 'token']);
    expect(splitIdentifier('src/session-token.ts')).toEqual(['src', 'session', 'token', 'ts']);
    expect(splitIdentifier('HTTPServer')).toEqual(['http', 'server']);
    expect(splitIdentifier('ABcDEf a x2Y')).toEqual(['bc', 'ef', 'x2']);
    expect(splitIdentifier('İstanbulKelvin')).toEqual(['stanbul', 'kelvin']);
  });

  it('scans ASCII to the same words as the regular expressions, on random text', () => {
    const alphabet = ['a', 'b', 'z', 'A', 'B', 'Z', '0', '9', '_', '-', ' ', '\n', '$', 'é', 'İ', 'K', 'Σ'];
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed;
    };
    for (let round = 0; round < 20_000; round += 1) {
      const ascii = round % 2 === 0;
      let text = '';
      for (let at = next() % 14; at > 0; at -= 1)
        text += alphabet[next() % (ascii ? 12 : alphabet.length)] as string;
      expect(splitIdentifier(text), JSON.stringify(text)).toEqual(splitByRegex(text));
    }
  });

  it('agrees with the regular expressions on real source text', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const name = entry.name;
      const text = readFileSync(join(dir, name), 'utf8');
      expect(splitIdentifier(text), name).toEqual(splitByRegex(text));
      for (const line of text.split('\n')) expect(splitIdentifier(line)).toEqual(splitByRegex(line));
    }
  });
});
