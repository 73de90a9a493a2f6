import { describe, expect, it } from 'vitest';
import { checkSupport, isNearEmptyEvidence } from './check-support.js';
import { extractClaimTokens } from './claim-tokens.js';
import { containsOnBoundary } from './token-match.js';

const EVIDENCE = [
  'export async function startServer(port = 8080) {',
  '  const pool = createPool({ max: 10, url: process.env.DATABASE_URL });',
  '  await delay(100);',
  "  logger.info('listening');",
  '  return serve({ port, routes: "./routes/index.ts" });',
  '}',
].join('\n');
const evidence = { texts: [EVIDENCE], paths: ['src/server.ts'] };

describe('extractClaimTokens', () => {
  it('takes numbers, code spans, quotes, paths and code-shaped identifiers; not locations or prose', () => {
    const tokens = extractClaimTokens(
      'In src/server.ts (lines 3-5) `startServer` calls createPool() with max 1,000 and reads DATABASE_URL; it logs "listening" on Node.js, see https://x.test/a.ts.',
    );
    expect(tokens).toEqual([
      { kind: 'code', value: 'startServer' },
      { kind: 'quote', value: 'listening' },
      { kind: 'path', value: 'src/server.ts' },
      { kind: 'identifier', value: 'DATABASE_URL' },
      { kind: 'identifier', value: 'createPool' },
      { kind: 'number', value: '1000' },
    ]);
  });

  it('does not read a number out of an identifier', () => {
    expect(extractClaimTokens('value1 is set')).toEqual([]);
  });
});

describe('checkSupport', () => {
  it('supports a claim whose every token occurs in the evidence', () => {
    const result = checkSupport(
      '`startServer` listens on 8080, pools at most 10 connections from DATABASE_URL and waits 100 ms (src/server.ts).',
      evidence,
    );
    expect(result).toEqual({ supported: true, missing: [], checked: 6 });
  });

  it('names each token the evidence lacks: a perturbed number, an absent identifier, a wrong quote', () => {
    const result = checkSupport(
      '`startServer` listens on 9090 via `listenAsync` and logs "ready".',
      evidence,
    );
    expect(result.supported).toBe(false);
    expect(result.missing).toEqual(['code "listenAsync"', 'quote "ready"', 'number "9090"']);
  });

  it('matches on token boundaries: delay(10 is not delay(100), port is not export', () => {
    expect(containsOnBoundary(EVIDENCE, 'delay(10')).toBe(false);
    expect(containsOnBoundary(EVIDENCE, 'delay(100')).toBe(true);
    expect(containsOnBoundary('export const x', 'port')).toBe(false);
    expect(checkSupport('it waits `delay(10`', evidence).supported).toBe(false);
  });

  it('treats a homoglyph as a different character', () => {
    expect(checkSupport('`stаrtServer` starts it', evidence).supported).toBe(false);
  });

  it('uses the structured form when present: subject and object must be in the evidence', () => {
    const statement = { subject: '`startServer`', predicate: 'listens on port', object: '8080' };
    expect(checkSupport('the server starts', evidence, statement).supported).toBe(true);
    const wrong = { ...statement, object: '3000' };
    expect(checkSupport('the server starts', evidence, wrong).missing).toEqual(['term "3000"']);
  });

  it('accepts the cited path and its tail as named paths', () => {
    expect(checkSupport('server.ts starts the pool', evidence).supported).toBe(true);
    expect(checkSupport('lib/other.ts starts the pool', evidence).supported).toBe(false);
  });
});

describe('isNearEmptyEvidence', () => {
  it.each([[''], ['   '], ['}'], ['} else {'], ['*/']])('%j is near-empty', (text) => {
    expect(isNearEmptyEvidence(text)).toBe(true);
  });
  it('is false for a real line', () => {
    expect(isNearEmptyEvidence('const pool = createPool();')).toBe(false);
  });
});
