import { describe, expect, it } from 'vitest';
import { cutOutsideSecrets, REDACTED, redactDerived, redactSecrets, redactText } from './redact-secrets.js';

const noEnv = {};

describe('redactSecrets', () => {
  it.each([
    ['OpenAI key', 'sk-proj-Abc123def456GHI789jkl012'],
    ['OpenAI legacy key', 'sk-T3BlbkFJabcdefghijklmnopqrstuv'],
    ['Anthropic key', 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx-yz'],
    ['GitHub token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['GitHub fine-grained token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop'],
    ['Slack bot token', 'xoxb-1234567890-abcdefghij'],
    ['AWS access key id', 'AKIAIOSFODNN7EXAMPLE'],
    [
      'JWT',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    ],
  ])('replaces a %s', (_name, secret) => {
    const result = redactSecrets(`call with ${secret} now`, noEnv);
    expect(result).toBe(`call with ${REDACTED} now`);
  });

  it('keeps the name of a bearer header and of key=value pairs', () => {
    expect(redactSecrets('Authorization: Bearer abc.DEF-123_456', noEnv)).toBe(`Authorization: ${REDACTED}`);
    expect(redactSecrets('url?user=bob&password=hunter22&x=1 token="s3cr3t-v4lue"', noEnv)).toBe(
      `url?user=bob&password=${REDACTED}&x=1 token="${REDACTED}"`,
    );
  });

  it('replaces every occurrence of secret environment values, ignoring short ones and other names', () => {
    const env = {
      OPENAI_API_KEY: 'plain-looking-value-42',
      DB_PASSWORD: 'correct horse battery',
      SHORT_TOKEN: 'abc',
      HOME: '/home/someone',
    };
    const text = 'plain-looking-value-42 / correct horse battery / abc / /home/someone';
    expect(redactSecrets(text, env)).toBe(`${REDACTED} / ${REDACTED} / abc / /home/someone`);
  });

  it('redacts deep inside objects and arrays without touching the input', () => {
    const input = {
      summary: 'ok',
      nested: [{ note: 'key sk-abcdefghijklmnopqrstuvwx1' }, 3, null, true],
      credentials: { api_key: 'short', password: 'x' },
      when: new Date('2025-10-30T10:00:00Z'),
    };
    const result = redactSecrets(input, noEnv);
    expect(result).toEqual({
      summary: 'ok',
      nested: [{ note: `key ${REDACTED}` }, 3, null, true],
      credentials: { api_key: REDACTED, password: REDACTED },
      when: '2025-10-30T10:00:00.000Z',
    });
    expect(input.nested[0]).toEqual({ note: 'key sk-abcdefghijklmnopqrstuvwx1' });
  });

  it('leaves ordinary text, hashes and token counts alone', () => {
    const text =
      'risk-assessment-framework-for-the-team, task-management-suite-v2, max_tokens: 4096, ' +
      'sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, Bearer of bad news';
    expect(redactSecrets(text, noEnv)).toBe(text);
    expect(redactSecrets({ max_tokens: 4096, tokens_used: 'many' }, noEnv)).toEqual({
      max_tokens: 4096,
      tokens_used: 'many',
    });
  });

  it('reads process.env by default', () => {
    const name = 'SWARMLORD_REDACT_TEST_SECRET';
    process.env[name] = 'process-env-secret-value';
    try {
      expect(redactSecrets('x process-env-secret-value y')).toBe(`x ${REDACTED} y`);
    } finally {
      delete process.env[name];
    }
  });

  it('returns the input itself when nothing matched, and shares unchanged branches', () => {
    const clean = { summary: 'ok', refs: [{ path: 'a.ts', lines: [1, 2] }], nested: { n: 3 } };
    expect(redactSecrets(clean, noEnv)).toBe(clean);
    const dirty = { ...clean, note: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' };
    const result = redactSecrets(dirty, noEnv);
    expect(result).not.toBe(dirty);
    expect(result.note).toBe(REDACTED);
    expect(result.refs).toBe(clean.refs);
    expect(dirty.note).toBe('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
  });

  it('cuts a text so that no secret is split: the cut falls before a secret, never inside it', () => {
    const line = 'const token = "x"; // ghp_abcdefghijklmnopqrstuvwxyz0123456789 in use';
    const cut = cutOutsideSecrets(line, 30, noEnv);
    expect(line.startsWith(cut)).toBe(true);
    expect(cut).toBe('const token = "x"; // ');
    expect(cutOutsideSecrets('short', 30, noEnv)).toBe('short');
    expect(cutOutsideSecrets('plain words and nothing else at all', 10, noEnv)).toBe('plain word');
    // A pair's value counts from after the separator: the key stays in the quote.
    expect(cutOutsideSecrets('password: hunter2-very-long-value', 20, noEnv)).toBe('password: ');
  });

  it('redacts one text with redactText, env values included', () => {
    expect(redactText('DB is postgres://app:pw-9f8e7d@db:5432/x', noEnv)).toBe(
      `DB is postgres://app:${REDACTED}@db:5432/x`,
    );
    expect(redactText('deploy with abcdefgh12345678', { GITHUB_PAT: 'abcdefgh12345678' })).toBe(
      `deploy with ${REDACTED}`,
    );
  });

  it.each([
    ['gho_', 'gho_abcdefghijklmnopqrstuvwxyz0123'],
    ['ghs_', 'ghs_abcdefghijklmnopqrstuvwxyz0123'],
    ['rk_live_', 'rk_live_abcdefghijklmnop1234'],
    ['sk-ant-', 'sk-ant-api03-abcdefghijklmnop_QR-st'],
  ])('replaces a %s token', (_name, secret) => {
    expect(redactSecrets(`x ${secret} y`, noEnv)).toBe(`x ${REDACTED} y`);
  });

  it('redacts pieces split out of a secret in a message built from its source', () => {
    const claim = 'The client uses sk-ant-api03-h7a48CZPX1ebiQRjfJwhmkr1 for calls';
    const message = 'identifier "h7a48CZPX1ebiQRjfJwhmkr1", identifier "client" not found';
    expect(redactDerived(message, claim, noEnv)).toBe(
      `identifier "${REDACTED}", identifier "client" not found`,
    );
    expect(redactDerived('nothing secret here', 'plain source', noEnv)).toBe('nothing secret here');
  });

  it('redacts the pieces of each source under its own environment, the same source asked again', () => {
    // An environment secret with no secret shape: only that environment's scanner finds it.
    const source = 'the deploy uses zq7Wv2Lp9Xk4Rt8Bn3Md as its value';
    const withSecret = { DEPLOY_TOKEN: 'zq7Wv2Lp9Xk4Rt8Bn3Md' };
    for (let round = 0; round < 2; round += 1) {
      expect(redactDerived('missing "zq7Wv2Lp9Xk4Rt8Bn3Md"', source, withSecret)).toBe(
        `missing "${REDACTED}"`,
      );
      expect(redactDerived('missing "zq7Wv2Lp9Xk4Rt8Bn3Md"', source, noEnv)).toBe(
        'missing "zq7Wv2Lp9Xk4Rt8Bn3Md"',
      );
      // Another source: its own pieces, not the last one's (the run of a token in the first one).
      const claim = 'The client uses sk-ant-api03-h7a48CZPX1ebiQRjfJwhmkr1 for calls';
      expect(redactDerived('identifier "h7a48CZPX1ebiQRjfJwhmkr1"', claim, noEnv)).toBe(
        `identifier "${REDACTED}"`,
      );
      expect(redactDerived('identifier "h7a48CZPX1ebiQRjfJwhmkr1"', 'plain source', noEnv)).toBe(
        'identifier "h7a48CZPX1ebiQRjfJwhmkr1"',
      );
    }
  });
});
