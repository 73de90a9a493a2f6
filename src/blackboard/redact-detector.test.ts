import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, scannedCanonicalJson } from './canonical-json.js';
import {
  mayHoldSecret,
  redactedCanonicalJson,
  redactSecrets,
  redactSecretsByWalk,
  scannerFor,
} from './redact-secrets.js';
import { secretPieceValues } from './test-secret-texts.js';

/** One secret of every form the redactor knows, as it is found in text. */
const SECRETS = [
  'password: hunter2-very-secret',
  '"password": "hunter2-json"',
  "api_key='k-123456789'",
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'API_TOKEN=tok_4f9a8b7c6d5e',
  'postgres://user:s3cr3tpw@db.internal:5432/app',
  '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx\n-----END RSA PRIVATE KEY-----',
  '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk',
  'sk-proj-AbCdEfGhIjKlMnOpQrStUv',
  'sk-ant-api03-AbCdEfGhIjKlMnOpQrSt',
  'ghp_0123456789abcdefABCDEFghij',
  'github_pat_0123456789abcdefABCDEF_xyz',
  'AKIAIOSFODNN7EXAMPLE',
  'xoxb-123456789012-abcdefABCDEF',
  'https://hooks.slack.com/services/T000/B000/XXXX',
  'sk_live_51H8abcdefghijklmnop',
  'AIzaSyA0123456789abcdefghijklmnopqrstu',
  'npm_0123456789abcdefghijklmnopqrstuvwxyz',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_nature',
  'Authorization: Bearer abcdef0123456789',
  'Bearer\tabcdef0123456789',
  'password:\n\u000b hunter2-vt',
  'token\u00a0= nbsp-secret-1',
  'ENV-VALUE-"quoted"\\slash',
];
const ENV = { SERVICE_TOKEN: 'ENV-VALUE-"quoted"\\slash' };

/** Every way a text reaches a receipt: a value, nested, a key, after escapes and quotes. */
function placements(secret: string): unknown[] {
  return [
    secret,
    { summary: `found ${secret} here` },
    { data: { items: [{ text: `line one\n${secret}` }, 'plain'] } },
    { data: { [secret]: 1 } },
    { data: { nested: { [`k ${secret}`]: { deep: [[`"${secret}"`]] } } } },
    { text: `\\${secret}\\` },
    { text: `\t"${secret}'` },
    { text: `prefix-${secret}-suffix` },
  ];
}

/** The redactor's own verdict on a value (the full walk): changed means it held a secret. */
function holdsSecret(value: unknown): boolean {
  return canonicalJson(redactSecretsByWalk(value, ENV)) !== canonicalJson(value);
}

describe('mayHoldSecret: one scan of the serialised text decides whether a value is walked', () => {
  it.each(SECRETS)('finds %j wherever it is placed, and the redacted JSON stays valid', (secret) => {
    const found = placements(secret).map((value) => {
      const json = canonicalJson(value);
      const redacted = redactedCanonicalJson(value, ENV);
      // The one-scan path gives exactly what the full walk gives, as valid canonical JSON.
      expect(redacted).toBe(canonicalJson(redactSecretsByWalk(value, ENV)));
      // So does redactSecrets' own one-scan shortcut.
      expect(redactSecrets(value, ENV)).toStrictEqual(redactSecretsByWalk(value, ENV));
      expect(canonicalJson(JSON.parse(redacted))).toBe(redacted);
      if (!holdsSecret(value)) return false;
      expect(mayHoldSecret(json, ENV), json).toBe(true);
      expect(redacted).toContain('[REDACTED]');
      return true;
    });
    // As a value, nested, as a key, in a key, after an escape, after quotes (glued to other
    // letters some shapes are words, not keys: the redactor leaves those, and so may the scan).
    expect(found.slice(0, 7)).toEqual([true, true, true, true, true, true, true]);
  });

  it('lets ordinary receipts through without a walk', () => {
    const ordinary = {
      summary: 'perceive call 1 to fake:fake-model: 120 in / 80 out, unpriced',
      data: {
        input_tokens: 120,
        output_tokens: 80,
        cached_input_tokens: 0,
        task: 'perceive',
        lane_id: 'task-1',
        text: 'risk-assessment done; the author wrote src/auth.ts',
        path: 'https://example.org/docs',
      },
    };
    expect(mayHoldSecret(canonicalJson(ordinary), ENV)).toBe(false);
    expect(redactedCanonicalJson(ordinary, ENV)).toBe(canonicalJson(ordinary));
  });

  it('never says "no secret" about a value the redactor would change (random texts)', () => {
    const pieces = [
      ...SECRETS,
      ...SECRETS.map((secret) => secret.slice(0, Math.ceil(secret.length / 2))),
      '"',
      "'",
      '\\',
      '\n',
      '\t',
      '\u2028',
      ' ',
      ':',
      '=',
      '@',
      '/',
      'password',
      'token',
      'Bearer ',
      'é',
      '\u{1F600}',
      'abcdefgh12345678',
    ];
    let seed = 19;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let walked = 0;
    for (let round = 0; round < 3000; round += 1) {
      const parts = Array.from(
        { length: 1 + Math.floor(random() * 5) },
        () => pieces[Math.floor(random() * pieces.length)],
      );
      const text = parts.join('');
      const value = round % 2 === 0 ? { text } : { [text]: text };
      const json = canonicalJson(value);
      if (holdsSecret(value)) {
        walked += 1;
        expect(mayHoldSecret(json, ENV), json).toBe(true);
      }
      const redacted = redactedCanonicalJson(value, ENV);
      expect(canonicalJson(JSON.parse(redacted))).toBe(redacted);
    }
    expect(walked).toBeGreaterThan(1000);
  });
});

describe('redactSecrets: the one-scan shortcut gives what the full walk gives', () => {
  /** Places JSON leaves out or rewrites, where the walk still looks. */
  function hidden(secret: string): unknown[] {
    return [
      { [secret]: undefined },
      { nested: [{ [`k ${secret}`]: () => 1 }] },
      { [secret]: Symbol('s') },
      [undefined, { when: new Date(0), [secret]: undefined }],
      { toJSON: () => ({ text: secret }) },
    ];
  }

  it.each(SECRETS)('redacts %j in keys JSON would drop, and in toJSON forms', (secret) => {
    for (const value of [...placements(secret), ...hidden(secret)]) {
      expect(redactSecrets(value, ENV)).toStrictEqual(redactSecretsByWalk(value, ENV));
    }
    // The key itself is gone, though JSON would never have written it.
    for (const value of [hidden(secret)[0], hidden(secret)[2]]) {
      expect(Object.keys(redactSecrets(value, ENV) as object)).not.toContain(secret);
    }
  });

  it('gives what the walk gives for arbitrary values whose keys and texts may be secrets', () => {
    const text = fc.oneof(fc.constantFrom(...SECRETS, 'plain', 'k', '[REDACTED]'), fc.string());
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.constantFrom(undefined, null, 1, -0, true),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(text, tie('value'), { maxKeys: 4 }),
      ),
    }));
    fc.assert(
      fc.property(value, (item) => {
        expect(redactSecrets(item, ENV)).toStrictEqual(redactSecretsByWalk(item, ENV));
      }),
      { numRuns: 2000 },
    );
  });

  it('hands back the very input when nothing matched, and walks what JSON cannot write', () => {
    const clean = { summary: 'ok', refs: [{ path: 'a.ts', lines: [1, 2] }], skipped: undefined };
    expect(redactSecrets(clean, ENV)).toBe(clean);
    // A bigint makes JSON throw: the walk still runs and still redacts.
    const odd = { n: 1n, note: 'ghp_0123456789abcdefABCDEFghij' };
    expect(redactSecrets(odd, ENV)).toStrictEqual({ n: 1n, note: '[REDACTED]' });
  });
});

describe('scannedCanonicalJson: each string and key scanned as it is written', () => {
  const scanner = scannerFor(ENV);

  it('writes exactly what canonicalJson writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(scannedCanonicalJson(value, scanner).text).toBe(canonicalJson(value));
      }),
    );
    for (const secret of SECRETS) {
      for (const value of placements(secret)) {
        expect(scannedCanonicalJson(value, scanner).text).toBe(canonicalJson(value));
      }
    }
  });

  it.each(SECRETS)('says %j may be a secret wherever the walk would redact it', (secret) => {
    for (const value of placements(secret)) {
      if (holdsSecret(value))
        expect(scannedCanonicalJson(value, scanner).suspect, canonicalJson(value)).toBe(true);
    }
    // As a whole value, in an array, as a key and under a secret-named key, with numbers around.
    for (const value of [{ n: 1, s: secret }, [2, [secret]], { [secret]: [1] }]) {
      expect(scannedCanonicalJson(value, scanner).suspect, canonicalJson(value)).toBe(true);
    }
  });

  it('never says "no secret" about a value the redactor would change (random texts and keys)', () => {
    let walked = 0;
    for (const value of secretPieceValues(SECRETS, ['password'], { seed: 7, count: 3000, bareText: false })) {
      if (holdsSecret(value)) {
        walked += 1;
        expect(scannedCanonicalJson(value, scanner).suspect, canonicalJson(value)).toBe(true);
      }
    }
    expect(walked).toBeGreaterThan(1000);
  });

  it('lets ordinary receipts through, and remembers a key as clean only for the scanner that found it so', () => {
    const ordinary = {
      summary: 'perceive call 1 to fake:fake-model: 120 in / 80 out, unpriced',
      data: { input_tokens: 120, task: 'perceive', lane_id: 'task-1', note: 'risk-assessment; src/auth.ts' },
    };
    expect(scannedCanonicalJson(ordinary, scanner).suspect).toBe(false);
    // The key `lane_id_value_1` is clean for ENV and was remembered so; under an environment whose
    // secret it is, it is a secret (as a key and as a value).
    const other = scannerFor({ SERVICE_TOKEN: 'lane_id_value_1' });
    expect(scannedCanonicalJson({ lane_id_value_1: 1 }, scanner).suspect).toBe(false);
    expect(scannedCanonicalJson({ lane_id_value_1: 1 }, other).suspect).toBe(true);
    expect(scannedCanonicalJson({ x: 'lane_id_value_1' }, other).suspect).toBe(true);
    expect(scannedCanonicalJson({ lane_id_value_1: 1 }, scanner).suspect).toBe(false);
  });

  it('remembers a string as clean only for the scanner that found it so, and only that very text', () => {
    const other = scannerFor({ DEPLOY_TOKEN: 'value_clean_for_env_1' });
    // Clean under ENV, remembered; a secret under `other`, in every place a string is written.
    for (let round = 0; round < 3; round += 1) {
      expect(scannedCanonicalJson({ a: 'value_clean_for_env_1' }, scanner).suspect).toBe(false);
      expect(scannedCanonicalJson({ a: 'value_clean_for_env_1' }, other).suspect).toBe(true);
      expect(scannedCanonicalJson(['x', 'value_clean_for_env_1'], other).suspect).toBe(true);
    }
    // A remembered clean text says nothing about a longer one that holds it with a secret form.
    expect(scannedCanonicalJson({ a: 'plain words' }, scanner).suspect).toBe(false);
    expect(scannedCanonicalJson({ a: 'plain words password: hunter2-x' }, scanner).suspect).toBe(true);
    // Texts that need escaping are never taken as clean, and are still escaped.
    expect(scannedCanonicalJson({ a: 'line\nbreak' }, scanner)).toEqual({
      text: '{"a":"line\\nbreak"}',
      suspect: false,
    });
    expect(scannedCanonicalJson({ a: 'line\nbreak' }, scanner)).toEqual({
      text: '{"a":"line\\nbreak"}',
      suspect: false,
    });
  });

  it('says every text may be a secret when an environment secret holds a lone surrogate', () => {
    expect(scannedCanonicalJson({ a: 'plain' }, scannerFor({ API_TOKEN: 'abc\ud800defgh' })).suspect).toBe(
      true,
    );
  });
});
