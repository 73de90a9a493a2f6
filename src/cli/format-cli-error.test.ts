import { describe, expect, it } from 'vitest';
import { BlackboardError } from '../blackboard/blackboard-error.js';
import { IntentError } from '../intent/intent-error.js';
import { EXIT, formatCliError } from './format-cli-error.js';

function coded(code: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

describe('formatCliError', () => {
  it('gives each kind of failure its own exit code', () => {
    const cases: Array<[unknown, number]> = [
      [
        new IntentError('INTENT_NOT_FOUND', { path: 'x.yml', message: 'mission intent not found: x.yml' }),
        EXIT.badInput,
      ],
      [new BlackboardError('BLACKBOARD_LOCKED', 'b.jsonl', 'held by process 7 for 30 s'), EXIT.busy],
      [coded('STORE_BUSY', 'the store is busy'), EXIT.busy],
      [
        new BlackboardError(
          'BLACKBOARD_WRITE_FAILED',
          'b.jsonl',
          'could not write b.jsonl: ENOSPC: no space left on device',
          {
            cause: coded('ENOSPC', 'no space left on device'),
          },
        ),
        EXIT.ioError,
      ],
      [coded('MODEL_UNAVAILABLE', 'openai did not answer'), EXIT.unavailable],
      [coded('EACCES', 'permission denied'), EXIT.internal],
      [new TypeError('x is undefined'), EXIT.internal],
    ];
    for (const [error, exitCode] of cases)
      expect(formatCliError(error, {}).exitCode, String(error)).toBe(exitCode);
    expect(new Set(Object.values(EXIT)).size).toBe(Object.values(EXIT).length);
  });

  it('names the file of a system error and never prints a stack trace by default', () => {
    const error = coded('ENOSPC', 'ENOSPC: no space left on device, write', {
      path: '/w/hfo_digests/m/digest.md',
    });
    const { text, exitCode } = formatCliError(error, {});
    expect(text).toBe('swarmlord: /w/hfo_digests/m/digest.md: ENOSPC: no space left on device, write\n');
    expect(exitCode).toBe(EXIT.ioError);
    expect(formatCliError(new Error('boom'), {}).text).not.toMatch(/\n\s+at /);
    expect(formatCliError(new Error('boom'), { SWARMLORD_DEBUG: '1' }).text).toMatch(/\n\s+at /);
  });

  it('redacts secrets in every message, env values included', () => {
    const error = coded(
      'MODEL_UNAVAILABLE',
      'POST https://u:pw-1234567@api.example/v1 failed with key sk-proj-AbCdEfGhIjKlMnOpQrStUv and plainsecretvalue',
    );
    const { text } = formatCliError(error, { MY_API_KEY: 'plainsecretvalue' });
    expect(text).not.toMatch(/pw-1234567|AbCdEfGhIjKlMnOpQrStUv|plainsecretvalue/);
    expect(text).toContain('https://u:[REDACTED]@api.example');
    const unexpected = formatCliError(new Error('password: hunter2-secret'), {});
    expect(unexpected.text).toContain('password: [REDACTED]');
  });
});
