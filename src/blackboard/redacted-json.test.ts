import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyText } from './canonical-json.js';
import { SECRET_KEY_NAME } from './redact-scanner.js';
import { redactSecrets, scannerFor } from './redact-secrets.js';
import { redactedJson } from './redacted-json.js';
import { secretPieceValues } from './test-secret-texts.js';

/** One secret of every form, as found in text (the detector tests' list, plus an environment value). */
const SECRETS = [
  'password: hunter2-very-secret',
  '"password": "hunter2-json"',
  "api_key='k-123456789'",
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'API_TOKEN=tok_4f9a8b7c6d5e',
  'postgres://user:s3cr3tpw@db.internal:5432/app',
  '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx\n-----END RSA PRIVATE KEY-----',
  'sk-proj-AbCdEfGhIjKlMnOpQrStUv',
  'ghp_0123456789abcdefABCDEFghij',
  'github_pat_0123456789abcdefABCDEF_xyz',
  'AKIAIOSFODNN7EXAMPLE',
  'xoxb-123456789012-abcdefABCDEF',
  'https://hooks.slack.com/services/T000/B000/XXXX',
  'sk_live_51H8abcdefghijklmnop',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_nature',
  'Authorization: Bearer abcdef0123456789',
  'password:\n\u000b hunter2-vt',
  'ENV-VALUE-"quoted"\\slash',
];
const ENV = { SERVICE_TOKEN: 'ENV-VALUE-"quoted"\\slash' };

/** The definition `redactedJson` must equal. */
function definition(value: unknown, env: NodeJS.ProcessEnv = ENV): string | undefined {
  return JSON.stringify(redactSecrets(value, env));
}

/** Every place a text can be in a journaled step: a value, nested, a key, long, under secret-named keys. */
function placements(secret: string): unknown[] {
  const long = `${'const x = 1;\n'.repeat(20)}${secret}\n${'return x;\n'.repeat(10)}`;
  return [
    secret,
    { summary: `found ${secret} here` },
    { data: { items: [{ text: `line one\n${secret}` }, 'plain', 3, null, true] } },
    { data: { [secret]: 1 } },
    { data: { [secret]: undefined, after: 'kept' } },
    { '[REDACTED]': 'v', [secret]: undefined },
    { [secret]: 'first', '[REDACTED]': 'second' },
    { nested: { [`k ${secret}`]: { deep: [[`"${secret}"`]] } } },
    {
      excerpts: [
        { text: long, id: 'E1' },
        { text: long, id: 'E2' },
      ],
    },
    { api_token: secret, password: '', client_secret: '[REDACTED]', db_password: 42 },
    { text: `\t"${secret}'`, skipped: undefined, fn: () => 1, list: [undefined, () => 1] },
  ];
}

describe('redactedJson: JSON.stringify of the redacted value, in one pass', () => {
  it.each(SECRETS)('writes exactly what JSON.stringify(redactSecrets(…)) writes for %j', (secret) => {
    for (const value of placements(secret)) expect(redactedJson(value, ENV)).toBe(definition(value));
  });

  it('is the definition on arbitrary JSON values and on objects JSON writes its own way', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(redactedJson(value, ENV)).toBe(definition(value));
      }),
    );
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withSparseArray: true }), (value) => {
        expect(redactedJson(value, ENV)).toBe(definition(value));
      }),
    );
    const odd: unknown[] = [
      new Date(0),
      { when: new Date(0), note: 'token: abcdef123' },
      { toJSON: () => ({ text: 'ghp_0123456789abcdefABCDEFghij' }) },
      Object.assign([1, 2], { toJSON: () => 'array as text' }),
      [Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21, 5e-7],
      new Map([['k', 'v']]),
      Object.create(null),
      undefined,
      () => 1,
    ];
    for (const value of odd) expect(redactedJson(value, ENV)).toBe(definition(value));
  });

  it('throws where the definition throws (a bigint, a cycle)', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    for (const value of [{ n: 1n }, cycle]) {
      expect(() => definition(value)).toThrow();
      expect(() => redactedJson(value, ENV)).toThrow();
    }
  });

  it('never differs from the definition on random texts and keys built from secret pieces', () => {
    let changed = 0;
    const values = secretPieceValues(SECRETS, ['token', 'x'.repeat(130), '\ud800', '[REDACTED]'], {
      seed: 11,
      count: 3000,
      bareText: true,
    });
    for (const value of values) {
      const expected = definition(value);
      if (expected !== JSON.stringify(value)) changed += 1;
      expect(redactedJson(value, ENV), JSON.stringify(value)).toBe(expected);
    }
    expect(changed).toBeGreaterThan(1000);
  });

  it('answers a remembered long string for its own scanner only', () => {
    const text = `${'line\n'.repeat(40)}value lane_id_value_1 here`;
    expect(redactedJson({ text }, ENV)).toBe(JSON.stringify({ text }));
    // The same text, remembered clean under ENV, is a secret under an environment whose value it holds.
    const other = { DEPLOY_TOKEN: 'lane_id_value_1' };
    expect(redactedJson({ text }, other)).toBe(definition({ text }, other));
    expect(redactedJson({ text }, other)).toContain('[REDACTED]');
    expect(redactedJson({ text }, ENV)).not.toContain('[REDACTED]');
    // A short clean string, remembered as clean under ENV, is a secret under the other environment.
    const short = { id: 'id_clean_value_2' };
    expect(redactedJson(short, ENV)).toBe(JSON.stringify(short));
    expect(redactedJson(short, { DEPLOY_TOKEN: 'id_clean_value_2' })).toBe('{"id":"[REDACTED]"}');
    expect(redactedJson(short, ENV)).toBe(JSON.stringify(short));
  });

  it('writes every text through the definition when an environment secret holds a lone surrogate', () => {
    const env = { API_TOKEN: 'abc\ud800defgh' };
    const value = { a: 'plain', b: 'abc\ud800defgh' };
    expect(redactedJson(value, env)).toBe(definition(value, env));
  });
});

describe('a secret-named key is always a suspect key (the rule redactedJson relies on)', () => {
  it('holds for every secret word, with any prefix, in any case', () => {
    const scanner = scannerFor(ENV);
    const words = ['password', 'passwd', 'secret', 'token', 'apikey', 'api_key', 'accesskey', 'access_key'];
    words.push('privatekey', 'private_key', 'credential', 'credentials');
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom(...words),
        fc.constantFrom('', '_', '-'),
        fc.boolean(),
        (prefix, word, joint, upper) => {
          const key = `${prefix}${joint}${upper ? word.toUpperCase() : word}`;
          if (SECRET_KEY_NAME.test(key)) expect(scanner.detector.test(keyText(key)), key).toBe(true);
        },
      ),
    );
  });
});
