import { access, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { MissionDetails } from './mission-records.js';

/**
 * Adds what the receipts do not carry but the mission's own files do: the digest's confidence (and
 * its `trace_id` / `generation` where the digest has them), and the intent path only when that file
 * exists. A missing or unreadable file leaves the fields empty: the store indexes, it never fails a
 * mission over an index field. Changes `details` in place, so the indexer's later writes keep it.
 */
export async function enrichMission(details: MissionDetails, cwd: string): Promise<void> {
  const { mission } = details;
  if (mission.intentPath !== undefined) {
    const exists = await access(resolve(cwd, mission.intentPath)).then(
      () => true,
      () => false,
    );
    if (!exists) delete mission.intentPath;
  }
  if (mission.digestJsonPath !== undefined) {
    const digest = await readFile(resolve(cwd, mission.digestJsonPath), 'utf8').then(
      (text) => JSON.parse(text) as Record<string, unknown>,
      () => undefined,
    );
    if (digest !== undefined) {
      if (typeof digest.confidence === 'number') mission.confidence = digest.confidence;
      if (typeof digest.trace_id === 'string') mission.traceId = digest.trace_id;
      if (typeof digest.generation === 'number') mission.generation = digest.generation;
    }
  }
}
