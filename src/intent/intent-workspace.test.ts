import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIntent } from './create-intent.js';
import { loadIntentFile } from './load-intent-file.js';
import { writeIntentFile } from './write-intent-file.js';

describe('intent workspace paths', () => {
  it('records the workspace relative to the intent file and resolves it from there', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-intent-ws-'));
    const intent = createIntent({ objective: 'Map it', workspace: 'repo', lanes: 1 });
    const path = await writeIntentFile(intent, { cwd });
    expect(await readFile(path, 'utf8')).toMatch(/workspace: \.\.\/\.\.\/repo/);
    const loaded = await loadIntentFile(path);
    expect(loaded.workspace).toBe(join(cwd, 'repo'));
    expect(dirname(dirname(dirname(path)))).toBe(cwd);
  });
});
