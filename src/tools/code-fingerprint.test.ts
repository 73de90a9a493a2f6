import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeFingerprint, codeFingerprintOf } from './code-fingerprint.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'swarmlord-fingerprint-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('codeFingerprintOf', () => {
  it('compiled module by module: changes with any module of the folder or of the analysis', async () => {
    const tools = join(root, 'dist', 'tools');
    const analysis = join(root, 'dist', 'analysis');
    await mkdir(tools, { recursive: true });
    await mkdir(analysis, { recursive: true });
    await writeFile(join(tools, 'workspace-index.js'), 'export const a = 1;');
    await writeFile(join(analysis, 'analyze-workspace.js'), 'export const b = 1;');
    await writeFile(join(tools, 'notes.txt'), 'not code');
    const first = await codeFingerprintOf(tools);
    expect(await codeFingerprintOf(tools)).toBe(first);
    await writeFile(join(tools, 'notes.txt'), 'still not code');
    expect(await codeFingerprintOf(tools)).toBe(first);
    await writeFile(join(analysis, 'analyze-workspace.js'), 'export const b = 2;');
    const second = await codeFingerprintOf(tools);
    expect(second).not.toBe(first);
    await writeFile(join(tools, 'workspace-index.js'), 'export const a = 2;');
    expect(await codeFingerprintOf(tools)).not.toBe(second);
  });

  it('in the bundle: the manifest and the chunks holding the index and analysis modules, no other', async () => {
    const cli = join(root, 'dist', 'cli');
    await mkdir(cli, { recursive: true });
    const manifest = {
      'main.js': ['dist/cli/main.js'],
      'chunk-INDEX.js': ['dist/tools/workspace-index.js', 'dist/contracts/receipt.js'],
      'chunk-PARSE.js': ['dist/analysis/analyze-workspace.js'],
      'chunk-SERVE.js': ['dist/server/index.js'],
    };
    await writeFile(join(cli, 'bundle-modules.json'), JSON.stringify(manifest));
    for (const name of Object.keys(manifest)) await writeFile(join(cli, name), `// ${name} v1`);
    const first = await codeFingerprintOf(cli);
    // Chunks without index code: not read, not part of it.
    await writeFile(join(cli, 'chunk-SERVE.js'), '// chunk-SERVE v2');
    await writeFile(join(cli, 'main.js'), '// main v2');
    await writeFile(join(cli, 'chunk-NEW.js'), '// a chunk the manifest does not name');
    expect(await codeFingerprintOf(cli)).toBe(first);
    // Each chunk of index or analysis code, and the manifest itself, is.
    await writeFile(join(cli, 'chunk-PARSE.js'), '// chunk-PARSE v2');
    const second = await codeFingerprintOf(cli);
    expect(second).not.toBe(first);
    await writeFile(join(cli, 'chunk-INDEX.js'), '// chunk-INDEX v2');
    const third = await codeFingerprintOf(cli);
    expect(third).not.toBe(second);
    await writeFile(join(cli, 'bundle-modules.json'), JSON.stringify({ ...manifest, 'extra.js': [] }));
    expect(await codeFingerprintOf(cli)).not.toBe(third);
  });

  it('falls back to every file when the manifest is unreadable or names a missing chunk', async () => {
    const cli = join(root, 'dist', 'cli');
    await mkdir(cli, { recursive: true });
    await writeFile(join(cli, 'chunk-A.js'), '// a');
    await writeFile(join(cli, 'bundle-modules.json'), '{ not json');
    const broken = await codeFingerprintOf(cli);
    await writeFile(join(cli, 'chunk-B.js'), '// b');
    // Everything is hashed: any chunk counts.
    expect(await codeFingerprintOf(cli)).not.toBe(broken);
    await writeFile(
      join(cli, 'bundle-modules.json'),
      JSON.stringify({ 'chunk-GONE.js': ['dist/tools/x.js'] }),
    );
    const missing = await codeFingerprintOf(cli);
    await writeFile(join(cli, 'chunk-B.js'), '// b2');
    expect(await codeFingerprintOf(cli)).not.toBe(missing);
  });

  it('is computed once per process for the running code', async () => {
    const first = await codeFingerprint();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await codeFingerprint()).toBe(first);
  });
});
