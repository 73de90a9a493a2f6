import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

/**
 * The plain definition of canonical JSON (decision 0006), written for clarity, not speed: the
 * optimised `canonicalJson` must give the very same text for every value, or throw when it throws.
 */
function referenceCanonicalJson(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'null';
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('not a JSON number');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return JSON.stringify(value);
  }
  if (typeof value !== 'object') throw new TypeError('not JSON');
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return referenceCanonicalJson(withToJson.toJSON());
  if (Array.isArray(value)) {
    return `[${value.map((item) => referenceCanonicalJson(item) ?? 'null').join(',')}]`;
  }
  const fields: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const item = referenceCanonicalJson((value as Record<string, unknown>)[key]);
    if (item !== undefined) fields.push(`${JSON.stringify(key)}:${item}`);
  }
  return `{${fields.join(',')}}`;
}

/** Text rich in what JSON escapes (quotes, backslashes, controls, lone and paired surrogates). */
const trickyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({
    unit: fc.constantFrom(
      'a',
      '"',
      '\\',
      '\n',
      '\u0000',
      '\u001f',
      ' ',
      '\u007f',
      'é',
      '\u2028',
      '\ud800',
      '\udc00',
    ),
  }),
);

/** Keys that recur (as receipts' do, so the key memo is hit), escaped ones and arbitrary text. */
const keyArbitrary = fc.oneof(
  fc.constantFrom(
    'a',
    'b',
    'lane_id',
    'seq',
    'prev_hash',
    'é',
    'Z',
    '10',
    '2',
    '"q"',
    'line\nbreak',
    '\u2028',
  ),
  fc.string({ unit: 'binary', maxLength: 8 }),
  trickyText,
  fc.string({ minLength: 60, maxLength: 70 }),
);

const { value: valueArbitrary } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.constant(-0),
    trickyText,
    fc.date({ noInvalidDate: true }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(keyArbitrary, tie('value'), { maxKeys: 6 }),
  ),
}));

function outcome(serialise: () => string | undefined): string {
  try {
    return `ok:${serialise()}`;
  } catch (error) {
    return `throws:${error instanceof TypeError}`;
  }
}

describe('canonicalJson against its plain definition', () => {
  it('writes the same text (or throws a TypeError alike) for randomized values', () => {
    fc.assert(
      fc.property(valueArbitrary, (value) => {
        const expected = outcome(() => {
          const text = referenceCanonicalJson(value);
          // A top-level `undefined` has no JSON text: canonicalJson refuses it.
          if (text === undefined) throw new TypeError('undefined');
          return text;
        });
        expect(outcome(() => canonicalJson(value))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps giving the same text once its key memo is full and starts again', () => {
    const keys = Array.from({ length: 5000 }, (_, index) => `k${index}`);
    const value = Object.fromEntries(keys.map((key, index) => [key, index]));
    expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
    expect(canonicalJson({ k1: 1, k0: { '"': 2 } })).toBe('{"k0":{"\\"":2},"k1":1}');
  });
});
