import { appendFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileJournal, journalDirectory, STEP_LOG_FILE } from './create-file-journal.js';
import { createStepLog, lineOf, parseStepLog, readStepLog, STEP_LOG_IDLE_MS } from './step-log.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'swarmlord-steplog-'));
  dirs.push(dir);
  return dir;
}

const step = (laneId: string, callIndex?: number) => ({
  missionId: 'mi_1',
  laneId,
  attempt: 1,
  phase: 'react',
  callIndex,
});

describe('createStepLog', () => {
  it('lands every concurrent append, in order of the calls, readable after a reopen', async () => {
    const dir = await tempDir();
    const path = join(dir, 'sub', 'steps.log');
    const log = createStepLog(path);
    await Promise.all(Array.from({ length: 50 }, (_, index) => log.append(JSON.stringify({ index }))));
    expect(await createStepLog(path).read()).toEqual(Array.from({ length: 50 }, (_, index) => ({ index })));
    // Appended in one turn: one write and one fdatasync for all of them (group commit).
    expect(log.batches()).toBe(1);
  });

  it('writes the lines that arrive while a batch is on its way in the next batch', async () => {
    const dir = await tempDir();
    const log = createStepLog(join(dir, 'steps.log'));
    const first = log.append('{"a":1}');
    await new Promise((resolve) => setImmediate(resolve));
    const later = [log.append('{"b":2}'), log.append('{"c":3}')];
    await Promise.all([first, ...later]);
    expect(log.batches()).toBe(2);
    expect(await createStepLog(join(dir, 'steps.log')).read()).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  it('never reads a line a crash cut or garbled, nor anything after it', async () => {
    const dir = await tempDir();
    const path = join(dir, 'steps.log');
    const log = createStepLog(path);
    await log.append('{"a":1}');
    const whole = await readFile(path, 'utf8');
    expect(parseStepLog(`${whole}${whole.slice(0, 30)}`).values).toEqual([{ a: 1 }]);
    const garbled = whole.replace('"a":1', '"a":2');
    expect(parseStepLog(`${whole}${garbled}${whole}`)).toEqual({
      values: [{ a: 1 }],
      validBytes: whole.length,
    });
    expect(parseStepLog(whole.slice(0, -1)).values).toEqual([]);
  });

  it('writes each line as lineOf(json) byte for byte: multi-byte text, batches in turn, a buffer grown', async () => {
    const dir = await tempDir();
    const path = join(dir, 'steps.log');
    const log = createStepLog(path);
    const texts = [
      'plain',
      'é ü ß',
      '\u{1F600} emoji',
      'x'.repeat(70 * 1024),
      '中文'.repeat(30_000),
      '\ud800 lone',
    ];
    const jsons: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      const batch = texts.map((text, index) => JSON.stringify({ round, index, text }));
      // JSON.stringify escapes lone surrogates; a raw one (encoded as U+FFFD) hashes as lineOf's does.
      batch.push(`{"round":${round},"raw":"a\udc00b"}`);
      jsons.push(...batch);
      await Promise.all(batch.map((json) => log.append(json)));
    }
    expect(log.batches()).toBe(3);
    const expected = Buffer.from(jsons.map((json) => lineOf(json)).join(''), 'utf8');
    expect((await readFile(path)).equals(expected)).toBe(true);
    expect((await readStepLog(path)).values).toEqual(
      jsons.map((json) => JSON.parse(json.replace('\udc00', '\ufffd'))),
    );
  });

  it("cuts a crash's torn tail before appending, so new lines stay readable", async () => {
    const dir = await tempDir();
    const path = join(dir, 'steps.log');
    await createStepLog(path).append('{"a":1}');
    const size = (await stat(path)).size;
    await appendFile(path, '0123456789abcdef half a line');
    const again = createStepLog(path);
    expect(await again.read()).toEqual([{ a: 1 }]);
    await again.append('{"b":2}');
    expect((await readStepLog(path)).values).toEqual([{ a: 1 }, { b: 2 }]);
    expect((await stat(path)).size).toBeGreaterThan(size);
  });
});

describe('the step log descriptor', () => {
  it('is opened once for batches that follow each other, again after the log forgot its file or idled', async () => {
    const dir = await tempDir();
    const path = join(dir, 'steps.log');
    const log = createStepLog(path);
    for (let index = 0; index < 4; index += 1) await log.append(JSON.stringify({ index }));
    expect(log.batches()).toBe(4);
    expect(log.opens()).toBe(1);
    expect(await createStepLog(path).read()).toEqual([0, 1, 2, 3].map((index) => ({ index })));
    // A removed file (a fresh run's reset) is written anew, not through the old descriptor.
    await rm(path);
    log.forgetFile();
    await log.append(JSON.stringify({ index: 'new' }));
    expect(log.opens()).toBe(2);
    expect(await createStepLog(path).read()).toEqual([{ index: 'new' }]);
    await new Promise((resolve) => setTimeout(resolve, STEP_LOG_IDLE_MS + 200));
    await log.append(JSON.stringify({ index: 'after idle' }));
    expect(log.opens()).toBe(3);
    expect(await createStepLog(path).read()).toEqual([{ index: 'new' }, { index: 'after idle' }]);
  });
});

describe('createFileJournal on the step log', () => {
  it('records concurrent steps in the log, and a later record of a step replaces the earlier one', async () => {
    const cwd = await tempDir();
    const journal = createFileJournal({ cwd, missionId: 'mi_1' });
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        journal.put({ step: step(`l${index}`, 1), kind: 'model-call', value: index }),
      ),
    );
    await journal.put({ step: step('l3', 1), kind: 'model-call', value: 'again' });
    const reopened = createFileJournal({ cwd, missionId: 'mi_1' });
    expect((await reopened.steps()).length).toBe(20);
    expect((await reopened.get(step('l3', 1)))?.value).toBe('again');
    expect((await reopened.get(step('l7', 1)))?.value).toBe(7);
  });

  it('still reads the step files of a journal written before the log; the log wins for the same step', async () => {
    const cwd = await tempDir();
    const folder = join(journalDirectory({ cwd, missionId: 'mi_1' }), 'steps');
    await mkdir(folder, { recursive: true });
    const old = (laneId: string, value: unknown) => ({
      step: step(laneId, 1),
      id: `mi_1/${laneId}/a1/react/c1`,
      kind: 'model-call',
      value,
      recordedAt: '2026-01-01T00:00:00.000Z',
    });
    await writeFile(join(folder, 'a.json'), `${JSON.stringify(old('x', 'old x'))}\n`);
    await writeFile(join(folder, 'b.json'), `${JSON.stringify(old('y', 'old y'))}\n`);
    const journal = createFileJournal({ cwd, missionId: 'mi_1' });
    expect((await journal.get(step('x', 1)))?.value).toBe('old x');
    await journal.put({ step: step('y', 1), kind: 'model-call', value: 'new y' });
    const reopened = createFileJournal({ cwd, missionId: 'mi_1' });
    expect((await reopened.get(step('x', 1)))?.value).toBe('old x');
    expect((await reopened.get(step('y', 1)))?.value).toBe('new y');
  });

  it('starts a fresh log after reset', async () => {
    const cwd = await tempDir();
    const journal = createFileJournal({ cwd, missionId: 'mi_1' });
    await journal.put({ step: step('a'), kind: 'phase', value: 1 });
    await journal.reset();
    await journal.put({ step: step('b'), kind: 'phase', value: 2 });
    const reopened = createFileJournal({ cwd, missionId: 'mi_1' });
    expect((await reopened.steps()).map((record) => record.value)).toEqual([2]);
    const log = join(journalDirectory({ cwd, missionId: 'mi_1' }), STEP_LOG_FILE);
    expect((await readStepLog(log)).values).toHaveLength(1);
  });
});
