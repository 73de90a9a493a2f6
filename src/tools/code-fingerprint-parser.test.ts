import { afterEach, describe, expect, it, vi } from 'vitest';

/** The version the mocked `oxc-parser/package.json` says. */
let parserVersion = '0.159.0';

vi.mock('node:fs/promises', async (original) => {
  const module = await original<typeof import('node:fs/promises')>();
  const readFile = (async (path: unknown, ...rest: unknown[]) => {
    if (String(path).endsWith('/node_modules/oxc-parser/package.json'))
      return JSON.stringify({ name: 'oxc-parser', version: parserVersion });
    return (module.readFile as (...args: unknown[]) => Promise<unknown>)(path, ...rest);
  }) as typeof module.readFile;
  return { ...module, readFile, default: { ...module, readFile } };
});

afterEach(() => {
  vi.resetModules();
});

describe('codeFingerprint and the parser', () => {
  it('changes when only the installed parser does: an index made by another parser misses', async () => {
    parserVersion = '0.159.0';
    const first = await (await import('./code-fingerprint.js')).codeFingerprint();
    vi.resetModules();
    parserVersion = '0.160.0';
    const second = await (await import('./code-fingerprint.js')).codeFingerprint();
    vi.resetModules();
    parserVersion = '0.159.0';
    const again = await (await import('./code-fingerprint.js')).codeFingerprint();
    expect(second).not.toBe(first);
    expect(again).toBe(first);
  });
});
