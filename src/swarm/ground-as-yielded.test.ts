import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReviewBundle } from '../contracts/index.js';
import { sha256Hex } from '../contracts/line-hash.js';
import { groundAsYielded } from './ground-as-yielded.js';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function bundleCiting(laneId: string, line: string): ReviewBundle {
  return {
    lane_id: laneId,
    attempt: 1,
    summary: 's',
    artifacts: [],
    claims: [
      {
        id: `${laneId}-c1`,
        lane_id: laneId,
        text: 'the service exports `placeOrder`',
        evidence_refs: [{ kind: 'file', path: 'orders.ts', lines: [1, 1], sha256: sha256Hex(line) }],
      },
    ],
  };
}

describe('groundAsYielded', () => {
  it('tells the bundle first, then grounds its claims on the next turn through the round resolver', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'swarmlord-ground-yield-'));
    const line = 'export function placeOrder() {}';
    await writeFile(join(workspace, 'orders.ts'), `${line}\n`);
    const grounding = groundAsYielded(workspace);
    const told: string[] = [];
    grounding.alongside((bundle) => told.push(bundle.lane_id))(bundleCiting('lane-1', line));
    expect(told).toEqual(['lane-1']);
    // Grounded ahead on the snapshot of this moment; then the file goes away.
    await turn();
    await turn();
    await rm(join(workspace, 'orders.ts'));
    // The round grounds the same claim of another lane through the same resolver: decided as it was
    // (same text, refs and snapshot), under its own id and lane.
    const claim = bundleCiting('lane-2', line).claims[0];
    if (claim === undefined) throw new Error('no claim');
    const decided = await grounding.resolver.groundClaim(claim);
    expect(decided.status).toBe('grounded');
    expect(decided.claim_id).toBe('lane-2-c1');
    expect(decided.lane_id).toBe('lane-2');
    // A fresh resolver sees the workspace as it is now.
    const fresh = await groundAsYielded(workspace).resolver.groundClaim(claim);
    expect(fresh.status).not.toBe('grounded');
  });
});
