import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';
import { runMission } from './run-mission.js';

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-verify-receipt-'));
  await cp(sample, join(cwd, 'workspace'), { recursive: true });
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const intent = MissionIntentSchema.parse({
  mission_id: 'mi_test_verify_receipt',
  created_at: '2026-12-02T00:00:00Z',
  objective: 'Map the architecture and risks of the orders service',
  workspace: 'workspace',
});

async function digestFiles(): Promise<string[]> {
  return readdir(join(cwd, intent.outputs.digest_dir), { recursive: true }).catch(() => []);
}

/** Decision 0072: the run folder and the files' temps may be made ahead; nothing a reader takes for a digest. */
function visibleFiles(entries: readonly string[]): string[] {
  const folder = new RegExp(`^${intent.mission_id}(/run-\\d+)?$`);
  return entries.filter((entry) => !folder.test(entry) && !/\.\d+\.[0-9a-f]+\.tmp$/.test(entry));
}

/** Decision 0047: the digest is made while the verify-end receipt is written, and written only after. */
describe('runMission: the last Verify receipt before the digest', () => {
  it('writes no digest file and emits nothing until the verify-end receipt is durable', async () => {
    const order: string[] = [];
    let filesWhileVerifyPending: string[] | undefined;
    const listener = async (event: RunEvent) => {
      order.push(`start ${event.type}`);
      if (event.type === 'verify-end') {
        // A slow durable write: long enough for a digest to be written if nothing waited for it.
        await new Promise((resolve) => setTimeout(resolve, 150));
        filesWhileVerifyPending = await digestFiles();
      }
      order.push(`end ${event.type}`);
    };
    const result = await runMission({ intent, cwd, listeners: [listener] });
    expect(result.digest.verdict).toBe('PASS');
    // Only the run folder and the temps reserved for its files (written under the receipt, not yet renamed).
    expect(filesWhileVerifyPending?.some((entry) => entry.endsWith('.tmp'))).toBe(true);
    expect(visibleFiles(filesWhileVerifyPending ?? [])).toEqual([]);
    const verifyEnd = order.indexOf('end verify-end');
    expect(order[verifyEnd - 1]).toBe('start verify-end');
    expect(order.slice(verifyEnd + 1)).toEqual([
      'start digest-write',
      'end digest-write',
      'start mission-end',
      'end mission-end',
    ]);
    expect((await digestFiles()).length).toBeGreaterThan(0);
  });

  it('fails the mission, with no digest written, when the verify-end receipt cannot be written', async () => {
    const emitted: string[] = [];
    const listener = async (event: RunEvent) => {
      emitted.push(event.type);
      if (event.type === 'verify-end') {
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('disk full');
      }
    };
    await expect(runMission({ intent, cwd, listeners: [listener] })).rejects.toThrow('disk full');
    expect(emitted.at(-1)).toBe('verify-end');
    // Not even a temp or an empty run folder is left.
    expect(await digestFiles()).toEqual([]);
  });
});
