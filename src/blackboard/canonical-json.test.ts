import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sortKeys } from './canonical-json.js';
import { hashReceipt } from './hash-receipt.js';

/** The same object with its keys inserted in reverse order, recursively. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reverseKeys(item)]),
  );
}

describe('canonicalJson', () => {
  it('sorts keys recursively, drops undefined fields and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, undefined, 'x'], c: undefined }, é: null })).toBe(
      '{"a":{"d":[true,null,"x"]},"b":1,"é":null}',
    );
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it('does not depend on key order and round-trips through JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(reverseKeys(value))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});

describe('hashReceipt', () => {
  it('ignores the hash field and covers every other field', () => {
    const body = { seq: 0, summary: 'a' };
    const hash = hashReceipt(body);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashReceipt({ ...body, hash: 'anything' })).toBe(hash);
    expect(hashReceipt({ ...body, summary: 'b' })).not.toBe(hash);
    expect(hashReceipt({ ...body, extra: 1 })).not.toBe(hash);
  });
});

describe('sortKeys', () => {
  it('orders keys exactly as Array.prototype.sort does, short and long lists', () => {
    const alphabet = [
      'a',
      'B',
      '_',
      '0',
      '9',
      '10',
      'é',
      '\u{1F600}',
      'aa',
      'a_b',
      'Z',
      '-',
      '~',
      'prev_hash',
      'hash',
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed;
    };
    for (let round = 0; round < 600; round += 1) {
      const size = round % 45;
      const keys = new Set<string>();
      while (keys.size < size) {
        let key = '';
        const parts = 1 + (next() % 3);
        for (let part = 0; part < parts; part += 1) key += alphabet[next() % alphabet.length];
        keys.add(key);
      }
      const list = [...keys];
      expect(sortKeys([...list])).toEqual([...list].sort());
    }
  });
});
