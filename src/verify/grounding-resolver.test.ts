import { rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceRef } from '../contracts/index.js';
import { hashLineRange, sha256Hex } from '../contracts/index.js';
import { createGroundingResolver } from './grounding-resolver.js';
import { createTestWorkspace, forge, makeClaim, type TestWorkspace } from './test-workspace.js';
import { VerifyError } from './verify-error.js';

const APP = [
  'import { serve } from "./server.js";',
  '',
  'export function start(port: number) {',
  '  return serve({ port });',
  '}',
].join('\n');

describe('createGroundingResolver', () => {
  let workspace: TestWorkspace;
  let outsideFile: string;

  beforeAll(async () => {
    workspace = await createTestWorkspace({ 'src/app.ts': APP, 'README.md': '# demo\r\nline two\r\n' });
    outsideFile = path.join(tmpdir(), `swarmlord-outside-${process.pid}.txt`);
    await writeFile(outsideFile, 'secret\n');
    await symlink(outsideFile, path.join(workspace.root, 'src/escape.txt'));
    await symlink(path.join(workspace.root, 'src/app.ts'), path.join(workspace.root, 'src/alias.ts'));
  });
  afterAll(async () => {
    await workspace.remove();
    await rm(outsideFile, { force: true });
  });

  async function resolve(ref: EvidenceRef) {
    return createGroundingResolver({ workspace: workspace.root }).resolveRef(ref);
  }

  it('grounds a claim whose ref matches the lines, hash and quote', async () => {
    const resolver = createGroundingResolver({ workspace: workspace.root });
    const claim = makeClaim('lane-1', 'c1', 'start serves on a port', [
      workspace.ref('src/app.ts', [3, 4], 'return serve({ port })'),
    ]);
    expect(await resolver.groundClaim(claim)).toEqual({
      claim_id: 'c1',
      lane_id: 'lane-1',
      status: 'grounded',
      problems: [],
      refs: [{ ref: 'src/app.ts:3-4', outcome: 'VERIFIED' }],
    });
  });

  it('counts CRLF lines the way the producers do', async () => {
    const resolution = await resolve({ ...workspace.ref('README.md', [1, 2]) });
    expect(resolution.status).toBe('resolved');
  });

  it('compares quotes with whitespace normalized', async () => {
    const resolution = await resolve(workspace.ref('src/app.ts', [3, 4], 'number) {\n      return   serve'));
    expect(resolution.status).toBe('resolved');
  });

  it('rejects a forged sha256 with a readable problem', async () => {
    const resolver = createGroundingResolver({ workspace: workspace.root });
    const claim = makeClaim('lane-1', 'c2', 'x', [forge(workspace.ref('src/app.ts', [3, 4]))]);
    const grounding = await resolver.groundClaim(claim);
    expect(grounding.status).toBe('unresolved');
    expect(grounding.problems).toEqual(['src/app.ts:3-4 sha256 mismatch (lines changed or ref forged)']);
  });

  it('reports cited text that moved as RELOCATED with its new range', async () => {
    const ref = { ...workspace.ref('src/app.ts', [3, 4]), lines: [4, 5] as [number, number] };
    const resolution = await resolve(ref);
    expect(resolution).toMatchObject({ status: 'resolved', outcome: 'RELOCATED', relocatedLines: [3, 4] });
  });

  it('rejects a range past the end of the file', async () => {
    const ref = { ...forge(workspace.ref('src/app.ts', [4, 5])), lines: [5, 6] as [number, number] };
    const resolution = await resolve(ref);
    expect(resolution.outcome).toBe('RANGE_OUT_OF_BOUNDS');
    expect(resolution.problems.map((problem) => problem.code)).toEqual(['range-invalid']);
    expect(resolution.problems[0]?.message).toContain('file has 5 lines');
  });

  it('rejects an inverted range', async () => {
    const ref = { ...workspace.ref('src/app.ts', [2, 3]), lines: [3, 2] as [number, number] };
    expect((await resolve(ref)).problems.map((problem) => problem.code)).toEqual(['range-invalid']);
  });

  it.each([
    ['a ../ escape', '../../etc/passwd'],
    ['a ../ inside the path', 'src/../../outside.txt'],
    ['an absolute path', '/etc/passwd'],
    ['a symlink pointing outside', 'src/escape.txt'],
  ])('rejects %s as outside-workspace', async (_label, escapePath) => {
    const ref = { ...workspace.ref('src/app.ts', [1, 1]), path: escapePath, sha256: sha256Hex('secret') };
    const resolution = await resolve(ref);
    expect(resolution.status).toBe('unresolved');
    expect(resolution.problems.map((problem) => problem.code)).toEqual(['outside-workspace']);
  });

  it('follows a symlink that stays inside the workspace', async () => {
    const ref = { ...workspace.ref('src/app.ts', [1, 1]), path: 'src/alias.ts' };
    expect((await resolve(ref)).status).toBe('resolved');
  });

  it('normalises a path the way the model boundary does: ./x and x//y are x and x/y, dir/ is dir', async () => {
    const ref = { ...workspace.ref('src/app.ts', [1, 1]), path: './src//app.ts' };
    expect((await resolve(ref)).status).toBe('resolved');
    const folder = { ...workspace.ref('src/app.ts', [1, 1]), path: 'src/' };
    expect((await resolve(folder)).problems.map((problem) => problem.code)).toEqual(['not-a-file']);
  });

  it('rejects a quote that is not in the lines', async () => {
    const ref = workspace.ref('src/app.ts', [3, 4], 'listen(8080)');
    const resolution = await resolve(ref);
    expect(resolution.problems.map((problem) => problem.code)).toEqual(['quote-not-found']);
    expect(resolution.problems[0]?.message).toBe(
      'src/app.ts:3-4 quote not found in those lines: "listen(8080)"',
    );
  });

  it('rejects a missing file and a directory', async () => {
    const base = workspace.ref('src/app.ts', [1, 1]);
    expect((await resolve({ ...base, path: 'src/gone.ts' })).problems).toEqual([
      { code: 'file-missing', message: 'src/gone.ts:1-1 does not exist' },
    ]);
    expect((await resolve({ ...base, path: 'src' })).problems.map((problem) => problem.code)).toEqual([
      'not-a-file',
    ]);
  });

  it('marks a claim without refs ungrounded', async () => {
    const resolver = createGroundingResolver({ workspace: workspace.root });
    const grounding = await resolver.groundClaim(makeClaim('lane-2', 'c9', 'the app is fast', []));
    expect(grounding.status).toBe('ungrounded');
  });

  it('marks a claim unresolved when any one of its refs fails', async () => {
    const resolver = createGroundingResolver({ workspace: workspace.root });
    const claim = makeClaim('lane-1', 'c3', 'x', [
      workspace.ref('src/app.ts', [1, 1]),
      forge(workspace.ref('src/app.ts', [3, 3])),
    ]);
    const grounding = await resolver.groundClaim(claim);
    expect(grounding.status).toBe('unresolved');
    expect(grounding.problems).toHaveLength(1);
  });

  it('reads each file once per resolver: a later edit is not seen by the same resolver', async () => {
    await workspace.write('src/mutable.ts', 'one\ntwo');
    const ref = workspace.ref('src/mutable.ts', [1, 2]);
    const resolver = createGroundingResolver({ workspace: workspace.root });
    expect((await resolver.resolveRef(ref)).status).toBe('resolved');
    await workspace.write('src/mutable.ts', 'one\nchanged');
    expect((await resolver.resolveRef(ref)).status).toBe('resolved');
    expect((await resolve(ref)).problems.map((problem) => problem.code)).toEqual(['sha256-mismatch']);
  });

  it('leaves URL refs unverifiable offline and checks them with fetchContent', async () => {
    const body = '<p>The API is rate limited to 100 requests per minute.</p>';
    const ref: EvidenceRef = {
      kind: 'url',
      url: 'https://example.com/docs',
      content_sha256: sha256Hex(body),
      quote: 'rate limited to 100',
    };
    expect((await resolve(ref)).problems).toEqual([
      {
        code: 'url-unverifiable',
        message: 'https://example.com/docs: no stored snapshot of this page; not verifiable offline',
      },
    ]);
    const online = createGroundingResolver({ workspace: workspace.root, fetchContent: async () => body });
    expect((await online.resolveRef(ref)).status).toBe('resolved');
    const changed = createGroundingResolver({
      workspace: workspace.root,
      fetchContent: async () => `${body}!`,
    });
    expect((await changed.resolveRef(ref)).problems.map((problem) => problem.code)).toEqual([
      'content-sha256-mismatch',
    ]);
    const failing = createGroundingResolver({
      workspace: workspace.root,
      fetchContent: async () => {
        throw new Error('HTTP 503');
      },
    });
    expect((await failing.resolveRef(ref)).problems[0]?.message).toContain('HTTP 503');
  });

  it('resolves a metric only by recomputation; a bare source is UNVERIFIABLE', async () => {
    await workspace.write('coverage.json', JSON.stringify({ total: { lines: { pct: 87.5 } } }));
    const metric = (source: string, value: number | string = 87.5): EvidenceRef => ({
      kind: 'metric',
      name: 'coverage',
      value,
      source,
    });
    const recorded = createGroundingResolver({
      workspace: workspace.root,
      commands: [{ command: 'wc -l src/app.ts', output: '5 src/app.ts\n' }],
      spans: [{ name: 'workspace-scan', attributes: { files: 12 } }],
    });
    expect((await recorded.resolveRef(metric('file:coverage.json#/total/lines/pct'))).outcome).toBe(
      'VERIFIED',
    );
    expect((await recorded.resolveRef(metric('file:coverage.json#/total/lines/pct', 90))).outcome).toBe(
      'HASH_MISMATCH',
    );
    expect((await recorded.resolveRef(metric('file:coverage.json#/total/lines/pct ±3', 90))).outcome).toBe(
      'VERIFIED',
    );
    expect((await recorded.resolveRef(metric('command: wc -l src/app.ts', 5))).outcome).toBe('VERIFIED');
    expect((await recorded.resolveRef(metric('$ wc -l src/app.ts', 6))).outcome).toBe('HASH_MISMATCH');
    expect((await recorded.resolveRef(metric('span: workspace-scan#files', 12))).outcome).toBe('VERIFIED');
    for (const bare of ['git', '$ npm test', 'my intuition', 'src/app.ts', '../../etc/passwd']) {
      const resolution = await recorded.resolveRef(metric(bare));
      expect(resolution.status).toBe('unverifiable');
      expect(resolution.outcome).toBe('UNVERIFIABLE');
    }
  });

  it('refuses a relative workspace and reports a missing one', async () => {
    expect(() => createGroundingResolver({ workspace: 'relative/dir' })).toThrow(VerifyError);
    const missing = createGroundingResolver({ workspace: path.join(workspace.root, 'nope') });
    await expect(missing.resolveRef(workspace.ref('src/app.ts', [1, 1]))).rejects.toMatchObject({
      code: 'WORKSPACE_NOT_FOUND',
    });
  });
  it('resolves every honest ref and rejects it once one hex digit of its hash changes', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 15 }),
        fc.nat(),
        fc.nat(),
        fc.nat(63),
        async (lines, a, b, digit) => {
          run += 1;
          const text = lines.join(lines.length % 2 === 0 ? '\r\n' : '\n');
          const relativePath = `prop/file-${run}.txt`;
          await workspace.write(relativePath, text);
          const start = 1 + (a % lines.length);
          const end = start + (b % (lines.length - start + 1));
          const sha256 = hashLineRange(text, [start, end]) ?? '';
          const ref: EvidenceRef = { kind: 'file', path: relativePath, lines: [start, end], sha256 };
          const resolver = createGroundingResolver({ workspace: workspace.root });
          // Near-empty lines support nothing, but they are never a hash problem.
          expect(['VERIFIED', 'EMPTY_EVIDENCE']).toContain((await resolver.resolveRef(ref)).outcome);
          const flipped = (Number.parseInt(sha256[digit] ?? '0', 16) ^ 1).toString(16);
          const forged = { ...ref, sha256: `${sha256.slice(0, digit)}${flipped}${sha256.slice(digit + 1)}` };
          expect((await resolver.resolveRef(forged)).problems.map((problem) => problem.code)).toEqual([
            'sha256-mismatch',
          ]);
        },
      ),
      { numRuns: 40 },
    );
  });
});
