import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDigest } from './build-digest.js';
import { sampleRun } from './fixtures/sample-run.js';
import { reserveRunDigest } from './reserve-run-digest.js';
import { isDigestPairComplete } from './write-files-together.js';
import { prepareDigestText, writeRunDigest } from './write-run-digest.js';

const TEMP = /\.\d+\.[0-9a-f]+\.tmp$/;

/** Decision 0072: the run folder and temps made ahead; no digest file before `publish`. */
describe('reserveRunDigest', () => {
  it('holds only temps until published, then the very files writeRunDigest writes', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-reserve-'));
    const digest = buildDigest(sampleRun());
    const missionDirectory = join(cwd, 'hfo_digests', digest.mission_id);
    const reservation = await reserveRunDigest(digest.mission_id, { cwd, besideNames: ['bundle.json'] });
    expect(reservation.runId).toBe(`${digest.mission_id}/run-001`);
    const runDirectory = join(missionDirectory, 'run-001');
    const reserved = await readdir(runDirectory);
    expect(reserved).toHaveLength(3);
    expect(reserved.every((name) => TEMP.test(name))).toBe(true);
    await reservation.stage(digest, {
      prepared: prepareDigestText(digest),
      besideFiles: [['bundle.json', '{"bundle":true}\n']],
    });
    // Written and flushed, still nothing a reader takes for a digest.
    expect((await readdir(runDirectory)).every((name) => TEMP.test(name))).toBe(true);
    expect(await readdir(missionDirectory)).toEqual(['run-001']);
    const published = await reservation.publish();
    expect((await readdir(runDirectory)).sort()).toEqual(['bundle.json', 'digest.json', 'digest.md']);
    expect(await readFile(join(runDirectory, 'bundle.json'), 'utf8')).toBe('{"bundle":true}\n');
    expect(await isDigestPairComplete(runDirectory)).toBe(true);
    expect(await isDigestPairComplete(missionDirectory)).toBe(true);
    const plain = await writeRunDigest(digest, { cwd });
    for (const key of ['jsonPath', 'markdownPath'] as const)
      expect(await readFile(published[key], 'utf8')).toBe(await readFile(plain[key], 'utf8'));
    // Published: a later discard takes nothing away.
    await reservation.discard();
    expect(await readdir(runDirectory)).toHaveLength(3);
  });

  it('discards its temps and the folders it made, keeping a mission folder that was there', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-reserve-'));
    const digest = buildDigest(sampleRun());
    const digestFolder = join(cwd, 'hfo_digests');
    const first = await reserveRunDigest(digest.mission_id, { cwd });
    await first.stage(digest, {});
    await first.discard();
    // The mission folder was made for it: it goes too.
    expect(await readdir(digestFolder)).toEqual([]);
    await writeRunDigest(digest, { cwd });
    const second = await reserveRunDigest(digest.mission_id, { cwd });
    expect(second.runId).toBe(`${digest.mission_id}/run-002`);
    await second.discard();
    const left = await readdir(join(digestFolder, digest.mission_id));
    expect(left.sort()).toEqual(['digest.json', 'digest.md', 'run-001']);
  });

  it('stages once, only the files reserved, and publishes only what was staged', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-reserve-'));
    const digest = buildDigest(sampleRun());
    const reservation = await reserveRunDigest(digest.mission_id, { cwd, besideNames: ['bundle.json'] });
    await expect(reservation.publish()).rejects.toThrow('only a staged digest');
    await expect(reservation.stage(digest, {})).rejects.toThrow('not the ones reserved');
    await expect(
      reservation.stage(digest, {
        prepared: prepareDigestText({ ...digest, objective: 'another' }),
        besideFiles: [['bundle.json', '{}']],
      }),
    ).rejects.toThrow('not of the digest');
    await reservation.stage(digest, { besideFiles: [['bundle.json', '{}']] });
    await expect(reservation.stage(digest, { besideFiles: [['bundle.json', '{}']] })).rejects.toThrow(
      'staged once',
    );
    await reservation.publish();
    await expect(reservation.publish()).rejects.toThrow('only a staged digest');
  });

  it('refuses an unsafe mission id or file name before it claims anything', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-reserve-'));
    await expect(reserveRunDigest('../escape', { cwd })).rejects.toThrow('not a safe directory name');
    await expect(reserveRunDigest('mi_ok', { cwd, besideNames: ['digest.extra'] })).rejects.toThrow(
      'not a file name beside a digest',
    );
    expect(await readdir(cwd)).toEqual([]);
  });
});
