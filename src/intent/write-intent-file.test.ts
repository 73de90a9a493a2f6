import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createIntent } from './create-intent.js';
import { IntentError } from './intent-error.js';
import { loadIntentFile } from './load-intent-file.js';
import { parseIntentYaml } from './parse-intent-yaml.js';
import { writeIntentFile } from './write-intent-file.js';

const scratch = mkdtemp(join(tmpdir(), 'swarmlord-write-intent-'));
afterAll(async () => rm(await scratch, { recursive: true, force: true }));

const intent = createIntent({
  objective: 'Map the architecture: services, queues | risks',
  missionId: 'mi_2026-11-22_abc123',
  lanes: [{ id: 'lane-a', persona: 'security' }, { id: 'lane-b' }],
  clarifications: [{ pass: 1, question: 'Scope?', answer: 'everything under src/\nand the docs' }],
  now: new Date('2026-11-22T23:30:00Z'),
});

describe('writeIntentFile', () => {
  it('writes the dated file that loads back to the same intent', async () => {
    const cwd = await scratch;
    const path = await writeIntentFile(intent, { cwd });
    expect(path).toBe(
      join(cwd, 'hfo_mission_intent', '2026-11-22', 'mission_intent_mi_2026-11-22_abc123.yml'),
    );
    // The workspace comes back absolute: resolved against the intent file's directory.
    expect(await loadIntentFile(path)).toEqual({ ...intent, workspace: resolve(cwd, intent.workspace) });
    const text = await readFile(path, 'utf8');
    expect(text.startsWith('# Mission intent mi_2026-11-22_abc123')).toBe(true);
    // Every field is written out, defaults included, so the file is the complete record.
    for (const field of [
      'orchestrator:',
      'quorum:',
      'threshold: 2',
      'digest_dir: hfo_digests',
      'max_reruns: 2',
    ]) {
      expect(text).toContain(field);
    }
    expect(await readdir(join(cwd, 'hfo_mission_intent', '2026-11-22'))).toEqual([
      'mission_intent_mi_2026-11-22_abc123.yml',
    ]);
  });

  it('is a no-op for the same intent and refuses to overwrite a different one', async () => {
    const cwd = await scratch;
    const path = await writeIntentFile(intent, { cwd });
    expect(await writeIntentFile(intent, { cwd })).toBe(path);
    const changed = { ...intent, objective: 'Something else' };
    await expect(writeIntentFile(changed, { cwd })).rejects.toMatchObject({ code: 'INTENT_EXISTS' });
    expect((await loadIntentFile(path)).objective).toBe(intent.objective);
  });

  it('honours a custom directory and rejects an invalid intent before writing', async () => {
    const cwd = await scratch;
    const path = await writeIntentFile(intent, { cwd, dir: 'custom/intents' });
    expect(path).toBe(join(cwd, 'custom/intents', '2026-11-22', 'mission_intent_mi_2026-11-22_abc123.yml'));
    const broken = { ...intent, quorum: { validators: ['immunizer'], threshold: 2 } };
    await expect(writeIntentFile(broken, { cwd, dir: 'broken' })).rejects.toThrow(
      'quorum.threshold: must be ≤ the number of validators (1), got 2',
    );
    await expect(writeIntentFile(broken, { cwd, dir: 'broken' })).rejects.toBeInstanceOf(IntentError);
    await expect(readdir(join(cwd, 'broken'))).rejects.toThrow();
  });

  it('leaves a hand-written file with the same name alone', async () => {
    const cwd = await scratch;
    const path = await writeIntentFile(intent, { cwd, dir: 'hand' });
    await writeFile(path, 'objective: hand edited\n');
    await expect(writeIntentFile(intent, { cwd, dir: 'hand' })).rejects.toMatchObject({
      code: 'INTENT_EXISTS',
    });
    expect(parseIntentYaml(await readFile(path, 'utf8'), path).ok).toBe(false);
  });
});
