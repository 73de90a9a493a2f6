import { resolve } from 'node:path';
import { streamBlackboardLines } from '../blackboard/index.js';
import type { MissionIntent } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';

const DEFAULT_BLACKBOARD = MissionIntentSchema.shape.telemetry.parse(undefined).blackboard_path;

/**
 * The intent a mission started with, from its last `mission_start` receipt on the blackboard: what
 * `mission resume` runs when the mission stopped before its journal was written (killed while the
 * workspace was scanned). Undefined when the blackboard holds no start of it that parses as an intent.
 */
export async function findStartedIntent(
  cwd: string,
  missionId: string,
  blackboardPath = DEFAULT_BLACKBOARD,
): Promise<MissionIntent | undefined> {
  const needle = `"mission_id":${JSON.stringify(missionId)}`;
  let found: MissionIntent | undefined;
  try {
    for await (const line of streamBlackboardLines(resolve(cwd, blackboardPath))) {
      if (!line.complete || !line.text.includes(needle) || !line.text.includes('"phase":"mission_start"'))
        continue;
      let receipt: { mission_id?: unknown; phase?: unknown; data?: { intent?: unknown } };
      try {
        receipt = JSON.parse(line.text) as typeof receipt;
      } catch {
        continue;
      }
      if (receipt.mission_id !== missionId || receipt.phase !== 'mission_start') continue;
      const parsed = MissionIntentSchema.safeParse(receipt.data?.intent);
      if (parsed.success && parsed.data.mission_id === missionId) found = parsed.data as MissionIntent;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return found;
}
