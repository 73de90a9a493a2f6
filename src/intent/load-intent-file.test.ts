import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IntentError } from './intent-error.js';
import { loadIntentFile } from './load-intent-file.js';

const fixtures = join(import.meta.dirname, 'fixtures');

async function captureError(promise: Promise<unknown>): Promise<IntentError> {
  try {
    await promise;
  } catch (error) {
    if (IntentError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an IntentError');
}

describe('loadIntentFile', () => {
  const scratch = mkdtemp(join(tmpdir(), 'swarmlord-intent-'));
  afterAll(async () => rm(await scratch, { recursive: true, force: true }));

  it('loads a valid file', async () => {
    const intent = await loadIntentFile(join(fixtures, 'minimal.yml'));
    expect(intent.mission_id).toBe('mi_2026-11-22_000001');
    expect(intent.quorum.threshold).toBe(2);
  });

  it('throws INTENT_INVALID whose message is exactly the problem lines', async () => {
    const path = join(fixtures, 'quorum-threshold.yml');
    const error = await captureError(loadIntentFile(path));
    expect(error.code).toBe('INTENT_INVALID');
    expect(error.name).toBe('IntentError');
    expect(error.problems).toHaveLength(1);
    expect(error.message).toBe(`${path}:7:3 quorum.threshold: must be ≤ the number of validators (3), got 4`);
  });

  it('throws INTENT_NOT_FOUND naming the path for a missing file or a directory', async () => {
    const missing = join(await scratch, 'nope.yml');
    const error = await captureError(loadIntentFile(missing));
    expect(error.code).toBe('INTENT_NOT_FOUND');
    expect(error.message).toBe(`mission intent not found: ${missing}`);
    const directory = await captureError(loadIntentFile(await scratch));
    expect(directory.code).toBe('INTENT_NOT_FOUND');
    expect(directory.message).toContain('is a directory');
  });
});
