import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroundingResolver } from './grounding-resolver.js';
import { createTestWorkspace, type TestWorkspace } from './test-workspace.js';
import { createUrlSnapshotStore } from './url-snapshot-store.js';

const git = promisify(execFile);

describe('evidence sources: URL snapshots and git commits', () => {
  let workspace: TestWorkspace;
  beforeAll(async () => {
    workspace = await createTestWorkspace({ 'src/a.ts': 'export const limit = 10;\n' });
  });
  afterAll(async () => {
    await workspace.remove();
  });

  it('resolves a url ref against the content-addressed snapshot Perceive stored, offline', async () => {
    const store = createUrlSnapshotStore(path.join(workspace.root, '.snapshots'));
    const body = '<p>The API allows 100 requests per minute.</p>';
    const sha256 = await store.put(body);
    const resolver = createGroundingResolver({ workspace: workspace.root, readSnapshot: store.get });
    const ref = {
      kind: 'url' as const,
      url: 'https://example.com/limits',
      content_sha256: sha256,
      quote: 'allows 100 requests',
    };
    expect(await resolver.resolveRef(ref)).toMatchObject({
      status: 'resolved',
      outcome: 'VERIFIED',
      text: 'allows 100 requests',
    });
    const claim = {
      id: 'c1',
      lane_id: 'lane-1',
      text: 'The API allows 200 requests per minute.',
      evidence_refs: [ref],
    };
    expect((await resolver.groundClaim(claim)).status).toBe('unsupported');
    const unknown = { ...ref, content_sha256: 'a'.repeat(64) };
    expect((await resolver.resolveRef(unknown)).outcome).toBe('UNVERIFIABLE');
  });

  it('resolves a file ref carrying a commit against that commit, not the edited working tree', async () => {
    const run = (...args: string[]) => git('git', ['-C', workspace.root, ...args]);
    try {
      await run('init', '-q');
      await run('-c', 'user.email=t@t', '-c', 'user.name=t', 'add', '.');
      await run('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-q', '-m', 'x');
    } catch {
      return; // no git on this machine: nothing to resolve against
    }
    const commit = (await run('rev-parse', 'HEAD')).stdout.trim();
    const ref = workspace.ref('src/a.ts', [1, 1]);
    await workspace.write('src/a.ts', 'export const limit = 20;\n');
    const atCommit = createGroundingResolver({ workspace: workspace.root });
    expect((await atCommit.resolveRef({ ...ref, commit })).outcome).toBe('VERIFIED');
    expect((await atCommit.resolveRef(ref)).outcome).toBe('HASH_MISMATCH');
  });
});
