import { describe, expect, it } from 'vitest';
import type { Claim } from '../contracts/index.js';
import { sha256Hex } from '../contracts/index.js';
import { contradictionKind, listContradictions } from './find-contradictions.js';
import { createSeededRandom } from './seeded-random.js';

const TEXTS = [
  'the handler validates input',
  'the handler does not validate input',
  "the handler doesn't validate input",
  'orders are stored in memory',
  'orders are not stored in memory',
  'payments',
  'not payments',
];
const STATEMENTS = [
  undefined,
  { subject: 'createOrder', predicate: 'calls', object: 'chargeCard' },
  { subject: 'createOrder', predicate: 'calls', object: 'refund' },
  { subject: '`createOrder`', predicate: 'Calls', object: 'chargeCard' },
  { subject: 'x' },
];

describe('listContradictions', () => {
  it('lists exactly the pairs contradictionKind finds, with the same kind, in claim order', () => {
    const random = createSeededRandom(7);
    const seen = new Set<string>();
    for (let trial = 0; trial < 40; trial += 1) {
      const claims: Claim[] = Array.from({ length: 2 + random.nextInt(24) }, (_, index) => {
        const start = 1 + random.nextInt(6);
        const statement = STATEMENTS[random.nextInt(STATEMENTS.length)];
        return {
          id: `c${index}`,
          lane_id: `lane-${random.nextInt(3)}`,
          text: TEXTS[random.nextInt(TEXTS.length)] as string,
          evidence_refs: [
            {
              kind: 'file',
              path: `src/f${random.nextInt(2)}.ts`,
              lines: [start, start + 1],
              sha256: sha256Hex('x'),
            },
          ],
          ...(statement === undefined ? {} : { statement }),
        } as Claim;
      });
      const expected: [string, string, string][] = [];
      for (let i = 0; i < claims.length; i += 1) {
        for (let j = i + 1; j < claims.length; j += 1) {
          const kind = contradictionKind(claims[i] as Claim, claims[j] as Claim);
          if (kind !== undefined) expected.push([(claims[i] as Claim).id, (claims[j] as Claim).id, kind]);
        }
      }
      const listed = listContradictions(claims).map(({ contradiction }) => [
        ...contradiction.claim_ids,
        contradiction.kind,
      ]);
      expect(listed).toEqual(expected);
      for (const [, , kind] of expected) seen.add(kind);
    }
    expect([...seen].sort()).toEqual(['negation', 'object']);
  });

  it('pairs many lanes stating the same claims as contradictionKind does, pair by pair', () => {
    const ref = { kind: 'file', path: 'src/f.ts', lines: [1, 4], sha256: sha256Hex('x') } as const;
    const claims: Claim[] = Array.from({ length: 90 }, (_, index) => {
      const text = index % 30 === 7 ? TEXTS[1] : index % 45 === 3 ? TEXTS[3] : TEXTS[0];
      const statement = index % 20 === 5 ? STATEMENTS[2] : STATEMENTS[1];
      return { id: `c${index}`, lane_id: `lane-${index}`, text, evidence_refs: [ref], statement } as Claim;
    });
    const expected: [string, string, string][] = [];
    for (let i = 0; i < claims.length; i += 1) {
      for (let j = i + 1; j < claims.length; j += 1) {
        const kind = contradictionKind(claims[i] as Claim, claims[j] as Claim);
        if (kind !== undefined) expected.push([(claims[i] as Claim).id, (claims[j] as Claim).id, kind]);
      }
    }
    const listed = listContradictions(claims).map(({ contradiction }) => [
      ...contradiction.claim_ids,
      contradiction.kind,
    ]);
    expect(listed).toEqual(expected);
    expect(new Set(expected.map(([, , kind]) => kind))).toEqual(new Set(['negation', 'object']));
  });
});
