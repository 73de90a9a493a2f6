import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
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
