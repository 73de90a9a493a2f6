import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sealedText, sealJson, sortKeys } from './canonical-json.js';
import { hashReceipt } from './hash-receipt.js';
import { scannerFor } from './redact-secrets.js';

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

describe('sealJson', () => {
  it('hands back a deep-frozen JSON copy whose canonical text is remembered', () => {
    const value = { b: [1, { c: 'x', d: undefined }], a: new Date(0) };
    const sealed = sealJson(value);
    expect(sealed).not.toBe(value);
    expect(Object.isFrozen(sealed) && Object.isFrozen(sealed.b) && Object.isFrozen(sealed.b[1])).toBe(true);
    expect(() => {
      (sealed.b[1] as { c: string }).c = 'changed';
    }).toThrow(TypeError);
    expect(sealedText(sealed, undefined)).toBe(canonicalJson(value));
    expect(canonicalJson(sealed)).toBe(canonicalJson(value));
    // Only the copies it made are remembered, never an equal or merely frozen object.
    expect(sealedText(value, undefined)).toBeUndefined();
    expect(sealedText(Object.freeze({ a: 1 }), undefined)).toBeUndefined();
  });

  it('scans a sealed text once per scanner, and says so when it may hold a secret', () => {
    const clean = sealJson({ max_files: 40, scope: ['src'] });
    const secret = sealJson({ note: 'sk-proj-AbCdEfGhIjKlMnOpQrStUv' });
    const state = (scan: ReturnType<typeof scannerFor>) => ({ scan, suspect: false });
    const plain = scannerFor({});
    const first = state(plain);
    sealedText(clean, first);
    expect(first.suspect).toBe(false);
    const second = state(plain);
    sealedText(secret, second);
    expect(second.suspect).toBe(true);
    // Found clean by one scanner (and remembered so), not by another whose environment secret it holds.
    const scope = sealJson({ scope: ['scope-value-kept-secret'] });
    const third = state(plain);
    sealedText(scope, third);
    expect(third.suspect).toBe(false);
    const fourth = state(scannerFor({ APP_TOKEN: 'scope-value-kept-secret' }));
    sealedText(scope, fourth);
    expect(fourth.suspect).toBe(true);
  });
});
