import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codeSourcesOf, fingerprintCodeSources } from './code-fingerprint.js';

let root: string | undefined;
afterEach(async () => {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
  root = undefined;
});

describe('codeSourcesOf', () => {
  it('walks this folder and ../sysml when the module runs from its own file', () => {
    for (const file of ['/p/dist/ssot/load-ssot-registry.js', '/p/src/ssot/load-ssot-registry.ts']) {
      const folder = file.slice(0, file.lastIndexOf('/'));
      expect(codeSourcesOf(file, '/lib')).toEqual({
        files: [],
        folders: [folder, folder.replace(/ssot$/, 'sysml'), '/lib'],
      });
    }
  });

  it('stamps the bundle alone, with the standard library, when the module is bundled', () => {
    expect(codeSourcesOf('/p/dist/cli/swarmlord-program.js', '/lib')).toEqual({
      files: ['/p/dist/cli/swarmlord-program.js'],
      folders: ['/lib'],
    });
  });
});

describe('fingerprintCodeSources', () => {
  async function tree() {
    root = await mkdtemp(join(tmpdir(), 'swarmlord-code-fingerprint-'));
    const bundle = join(root, 'program.js');
    const library = join(root, 'lib');
    await mkdir(join(library, 'kernel'), { recursive: true });
    await writeFile(join(root, 'package.json'), '{"version":"1.2.3"}');
    await writeFile(bundle, 'code');
    await writeFile(join(library, 'kernel', 'Base.kerml'), 'package Base;');
    const fingerprint = () =>
      fingerprintCodeSources(join(root as string, 'package.json'), { files: [bundle], folders: [library] });
    return { root, bundle, library, fingerprint };
  }

  it('is stable and changes with the bundle, a library file and the version', async () => {
    const { root: dir, bundle, library, fingerprint } = await tree();
    const first = fingerprint();
    expect(fingerprint()).toBe(first);
    await utimes(bundle, new Date(2001, 1, 1), new Date(2001, 1, 1));
    const rebuilt = fingerprint();
    expect(rebuilt).not.toBe(first);
    await writeFile(join(library, 'kernel', 'Base.kerml'), 'package Base2;');
    const edited = fingerprint();
    expect(edited).not.toBe(rebuilt);
    await writeFile(join(library, 'kernel', 'New.sysml'), 'package New;');
    const added = fingerprint();
    expect(added).not.toBe(edited);
    await writeFile(join(dir, 'package.json'), '{"version":"1.2.4"}');
    expect(fingerprint()).not.toBe(added);
  });

  it('fails rather than guess when a code source is missing', async () => {
    const { bundle, fingerprint } = await tree();
    await rm(bundle);
    expect(fingerprint).toThrow();
  });
});
