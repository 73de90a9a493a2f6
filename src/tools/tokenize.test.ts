import { describe, expect, it } from 'vitest';
import { tokenizeIdentifiers } from './tokenize.js';

/** The tokenizer's definition, as the index first wrote it. */
function reference(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((token) => token.length > 1);
}

describe('tokenizeIdentifiers', () => {
  it('splits identifiers, snake case and punctuation, dropping one-character words', () => {
    expect(tokenizeIdentifiers('createSessionToken(session_token, x) HTTPServer a1B2 v2Api')).toEqual([
      'create',
      'Session',
      'Token',
      'session',
      'token',
      'HTTPServer',
      'a1',
      'B2',
      'v2',
      'Api',
    ]);
    expect(tokenizeIdentifiers('')).toEqual([]);
    expect(tokenizeIdentifiers('é ünïcode naïve 😀x yz')).toEqual(reference('é ünïcode naïve 😀x yz'));
  });

  it('gives the reference tokens on random text', () => {
    const alphabet = 'aZb9_ .Q-zA0\n\té😀xYyM';
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 2_000; round += 1) {
      const length = Math.floor(random() * 30);
      let text = '';
      for (let index = 0; index < length; index += 1)
        text += alphabet[Math.floor(random() * alphabet.length)] as string;
      expect(tokenizeIdentifiers(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });
});
