import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.js';

/** Planted secrets, each in the syntax it is found in; none may survive redaction. */
const CORPUS: { form: string; text: string; secret: string }[] = [
  { form: 'YAML colon', text: 'db:\n  password: hunter2-very-secret\n', secret: 'hunter2-very-secret' },
  { form: 'JSON pair', text: '{"user":"a","password": "hunter2-json"}', secret: 'hunter2-json' },
  {
    form: 'INI',
    text: '[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
    secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  },
  { form: 'env', text: 'export API_TOKEN=tok_4f9a8b7c6d5e\n', secret: 'tok_4f9a8b7c6d5e' },
  {
    form: 'URL credentials',
    text: 'DATABASE_URL=postgres://user:s3cr3tpw@db.internal:5432/app',
    secret: 's3cr3tpw',
  },
  {
    form: 'PEM',
    text: '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx\n-----END RSA PRIVATE KEY-----',
    secret: 'MIIEowIBAAKCAQEAx',
  },
  {
    form: 'PEM header cut short',
    text: 'key: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk',
    secret: 'b3BlbnNzaC1rZXk',
  },
  { form: 'OpenAI', text: 'using sk-proj-AbCdEfGhIjKlMnOpQrStUv', secret: 'AbCdEfGhIjKlMnOpQrStUv' },
  { form: 'Anthropic', text: 'x sk-ant-api03-AbCdEfGhIjKlMnOpQrSt', secret: 'AbCdEfGhIjKlMnOpQrSt' },
  { form: 'sk-live', text: 'sk-live-0123456789abcdefXYZ', secret: '0123456789abcdefXYZ' },
  { form: 'GitHub', text: 'ghp_0123456789abcdefABCDEFghij', secret: '0123456789abcdefABCDEF' },
  { form: 'AWS access key id', text: 'AKIAIOSFODNN7EXAMPLE', secret: 'AKIAIOSFODNN7EXAMPLE' },
  { form: 'Slack', text: 'xoxb-123456789012-abcdefABCDEF', secret: 'abcdefABCDEF' },
  { form: 'Stripe', text: 'sk_live_51H8abcdefghijklmnop', secret: '51H8abcdefghijklmnop' },
  { form: 'JWT', text: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_nature', secret: 'eyJzdWIiOiIxMjM0In0' },
  { form: 'Bearer', text: 'Authorization: Bearer abcdef0123456789', secret: 'abcdef0123456789' },
];

describe('redactSecrets against a corpus of planted secrets', () => {
  it.each(CORPUS)('removes the $form form', ({ text, secret }) => {
    expect(redactSecrets(text, {})).not.toContain(secret);
    expect(JSON.stringify(redactSecrets({ nested: [{ text }] }, {}))).not.toContain(secret);
  });

  it('keeps ordinary text readable: token counts, risk words, key names', () => {
    const text = 'input_tokens: 1200, max_tokens=4000, risk-assessment done; password: [REDACTED]';
    expect(redactSecrets(text, {})).toBe(text);
    expect(redactSecrets('password: hunter2xyz', {})).toBe('password: [REDACTED]');
    expect(redactSecrets('{"password": "x1y2z3"}', {})).toBe('{"password": "[REDACTED]"}');
  });
});
