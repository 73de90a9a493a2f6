import { describe, expect, it } from 'vitest';
import type { EvidenceRef, Observation } from '../contracts/index.js';
import type { ContextExcerpt } from '../models/index.js';
import { CLAIM_CONTEXT_EXCERPTS, excerptsBehind } from './lane-claim-context.js';
import { createProvenanceLedger } from './provenance-ledger.js';

const SHA = 'a'.repeat(64);

function excerpt(path: string, first: number, last: number, commit?: string): ContextExcerpt {
  const text = Array.from({ length: last - first + 1 }, (_, index) => `line ${first + index}`).join('\n');
  return {
    ref: {
      kind: 'file',
      path,
      lines: [first, last],
      sha256: SHA,
      ...(commit === undefined ? {} : { commit }),
    },
    text,
    score: 1,
  };
}

function observation(refs: EvidenceRef[]): Observation {
  return { id: 'o', text: 'seen', evidence_refs: refs };
}

const cite = (path: string, first: number, last: number, commit?: string): EvidenceRef => ({
  kind: 'file',
  path,
  lines: [first, last],
  sha256: SHA,
  ...(commit === undefined ? {} : { commit }),
});

/** The definition: every entered excerpt overlapping a cited file range, in entry order, capped. */
function byDefinition(entered: readonly ContextExcerpt[], observations: readonly Observation[]) {
  const cited = observations.flatMap((item) => item.evidence_refs);
  return entered
    .filter((shown) =>
      cited.some(
        (ref) =>
          ref.kind === 'file' &&
          ref.path === shown.ref.path &&
          ref.commit === shown.ref.commit &&
          ref.lines[0] <= shown.ref.lines[1] &&
          ref.lines[1] >= shown.ref.lines[0],
      ),
    )
    .slice(0, CLAIM_CONTEXT_EXCERPTS);
}

describe('excerptsBehind', () => {
  it('gives the entered excerpts that overlap a cited range of their file (and commit), in entry order', () => {
    const ledger = createProvenanceLedger('lane-1');
    ledger.enter([
      excerpt('src/a.ts', 1, 10),
      excerpt('src/b.ts', 1, 10),
      excerpt('src/a.ts', 11, 20),
      excerpt('src/a.ts', 21, 30),
      excerpt('src/a.ts', 1, 10, 'abc123'),
      excerpt('src/a.ts', 21, 30, 'abc123'),
    ]);
    const observations = [
      observation([cite('src/a.ts', 10, 11)]),
      observation([
        { kind: 'metric', name: 'tests', value: 3 } as unknown as EvidenceRef,
        cite('src/c.ts', 1, 5),
      ]),
      observation([cite('src/a.ts', 25, 25, 'abc123')]),
    ];
    const behind = excerptsBehind(ledger, observations);
    expect(behind.map((shown) => `${shown.id} ${shown.ref.path}:${shown.ref.lines.join('-')}`)).toEqual([
      'E1 src/a.ts:1-10',
      'E3 src/a.ts:11-20',
      'E6 src/a.ts:21-30',
    ]);
    expect(behind).toEqual(byDefinition(ledger.excerpts(), observations));
    expect(excerptsBehind(ledger, [])).toEqual([]);
  });

  it('stops at CLAIM_CONTEXT_EXCERPTS, as the definition does', () => {
    const ledger = createProvenanceLedger('lane-1');
    ledger.enter(
      Array.from({ length: 40 }, (_, index) => excerpt('src/big.ts', index * 10 + 1, index * 10 + 10)),
    );
    const observations = [observation([cite('src/big.ts', 1, 400)]), observation([cite('src/big.ts', 5, 6)])];
    const behind = excerptsBehind(ledger, observations);
    expect(behind).toHaveLength(CLAIM_CONTEXT_EXCERPTS);
    expect(behind).toEqual(byDefinition(ledger.excerpts(), observations));
  });
});
