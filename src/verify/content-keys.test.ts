import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileEvidenceRef } from '../contracts/index.js';
import { fileRefKey } from './content-keys.js';
import { createGroundingResolver } from './grounding-resolver.js';
import { createTestWorkspace, makeClaim, numberedSource, type TestWorkspace } from './test-workspace.js';

const SHA = 'a'.repeat(64);
const ref = (overrides: Partial<FileEvidenceRef> = {}): FileEvidenceRef => ({
  kind: 'file',
  path: 'src/a.ts',
  lines: [1, 2],
  sha256: SHA,
  ...overrides,
});

describe('fileRefKey', () => {
  it('differs whenever a field the resolution reads differs', () => {
    const keys = [
      ref(),
      ref({ path: 'src/b.ts' }),
      ref({ lines: [1, 3] }),
      ref({ lines: [2, 2] }),
      ref({ sha256: 'b'.repeat(64) }),
      ref({ quote: 'x' }),
      ref({ quote: '' }),
      ref({ commit: 'abc' }),
      ref({ path: 'src/a.ts|1', lines: [2, 2] }),
      ref({ path: 'src/a.ts', quote: '1:x|-' }),
      ref({ path: 'src/a.ts', commit: '1:x' }),
    ].map(fileRefKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(fileRefKey(ref())).toBe(fileRefKey({ ...ref(), extra: 1 } as FileEvidenceRef));
  });

  it('gives no key for a ref whose fields are not of their plain types', () => {
    for (const bad of [
      { quote: null },
      { lines: [1, Number.NaN] },
      { lines: [1, Number.POSITIVE_INFINITY] },
      { lines: [1, 2, 3] },
      { lines: ['1', 2] },
      { commit: 5 },
      { sha256: undefined },
    ]) {
      expect(
        fileRefKey({ ...ref(), ...bad } as unknown as FileEvidenceRef),
        JSON.stringify(bad),
      ).toBeUndefined();
    }
    expect(fileRefKey({ kind: 'metric', name: 'n', value: 1, source: 'git' })).toBeUndefined();
  });
});

describe('the resolver shares work between refs and claims with the same content', () => {
  let workspace: TestWorkspace;
  beforeAll(async () => {
    workspace = await createTestWorkspace({ 'src/a.ts': numberedSource(10) });
  });
  afterAll(async () => {
    await workspace.remove();
  });

  it('answers each ref with itself as the ref, and tells apart refs that differ only by quote', async () => {
    const resolver = createGroundingResolver({ workspace: workspace.root });
    const first = workspace.ref('src/a.ts', [2, 3], 'value2');
    const same = workspace.ref('src/a.ts', [2, 3], 'value2');
    const badQuote = workspace.ref('src/a.ts', [2, 3], 'value9');
    const [a, b, c] = await Promise.all([first, same, badQuote].map((each) => resolver.resolveRef(each)));
    expect(a?.ref).toBe(first);
    expect(b?.ref).toBe(same);
    expect(b?.outcome).toBe('VERIFIED');
    expect(c?.outcome).toBe('QUOTE_NOT_FOUND');
    expect(c?.ref).toBe(badQuote);
  });

  it('grounds two lanes claiming the same thing alike, each under its own id and lane', async () => {
    const resolver = createGroundingResolver({ workspace: workspace.root });
    const claim = (lane: string) =>
      makeClaim(lane, `${lane}-c1`, 'value2 is 2', [workspace.ref('src/a.ts', [2, 2])]);
    const one = await resolver.groundClaim(claim('lane-1'));
    const second = claim('lane-2');
    const two = await resolver.groundClaim(second);
    expect(one).toMatchObject({ claim_id: 'lane-1-c1', lane_id: 'lane-1', status: 'grounded' });
    expect(two).toEqual({ ...one, claim_id: 'lane-2-c1', lane_id: 'lane-2' });
    expect(two.problems).not.toBe(one.problems);
    // The second claim's ref is answered from the first's resolution, as itself.
    const [ref] = second.evidence_refs;
    const resolution = await resolver.resolveRef(ref as FileEvidenceRef);
    expect(resolution.ref).toBe(ref);
    expect(resolution.outcome).toBe('VERIFIED');
    const unsupported = await resolver.groundClaim(
      makeClaim('lane-3', 'c', 'value2 is 7', [workspace.ref('src/a.ts', [2, 2])]),
    );
    expect(unsupported.status).toBe('unsupported');
  });
});
