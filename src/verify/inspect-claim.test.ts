import { describe, expect, it } from 'vitest';
import { EvidenceRefSchema } from '../contracts/index.js';
import { inspectClaim } from './inspect-claim.js';

const SHA = 'a'.repeat(64);
const file = { kind: 'file', path: 'src/a.ts', lines: [1, 2], sha256: SHA };
const metric = { kind: 'metric', name: 'p95', value: 120, source: 'git' };

/** Refs on both sides of every rule the schema has for file and metric refs. */
const REFS: unknown[] = [
  file,
  { ...file, quote: 'x' },
  { ...file, commit: 'abc' },
  { ...file, extra: true },
  { ...file, lines: [3, 1] },
  { ...file, lines: [0, 1] },
  { ...file, lines: [1.5, 2] },
  { ...file, lines: [1, Number.MAX_SAFE_INTEGER + 2] },
  { ...file, lines: [1] },
  { ...file, lines: [1, 2, 3] },
  { ...file, lines: ['1', 2] },
  { ...file, path: '' },
  { ...file, path: 5 },
  { ...file, sha256: SHA.toUpperCase() },
  { ...file, sha256: `${SHA}0` },
  { ...file, quote: null },
  { ...file, commit: 7 },
  Object.assign(Object.create({ inherited: 1 }), file),
  [file],
  metric,
  { ...metric, value: '12 ms' },
  { ...metric, value: Number.NaN },
  { ...metric, value: Number.POSITIVE_INFINITY },
  { ...metric, name: '' },
  { ...metric, source: '' },
  { ...metric, value: true },
  { kind: 'url', url: 'https://example.com/a', content_sha256: SHA, quote: 'q' },
  { kind: 'url', url: 'not a url', content_sha256: SHA, quote: 'q' },
  { kind: 'rumour' },
  null,
  'src/a.ts:1-2',
];

describe('inspectClaim on refs', () => {
  it('keeps exactly the refs the schema accepts in the right order, with the same problems', () => {
    for (const ref of REFS) {
      const inspected = inspectClaim({ id: 'c', lane_id: 'l', text: 't', evidence_refs: [ref] }, 0);
      const schemaOk = EvidenceRefSchema.safeParse(ref).success;
      const reversed = schemaOk && (ref as { lines?: number[] }).lines?.[0] === 3;
      expect(inspected.claim.evidence_refs.length, JSON.stringify(ref)).toBe(schemaOk && !reversed ? 1 : 0);
      expect(inspected.problems.length, JSON.stringify(ref)).toBe(schemaOk && !reversed ? 0 : 1);
    }
  });

  it('names the schema issue for a ref the hand check does not vouch for', () => {
    const inspected = inspectClaim(
      { id: 'c', lane_id: 'l', text: 't', evidence_refs: [{ ...file, sha256: 'nope' }] },
      0,
    );
    expect(inspected.problems).toEqual([
      'evidence_refs[0].sha256: must be a lowercase hex sha256 (64 characters)',
    ]);
  });
});
