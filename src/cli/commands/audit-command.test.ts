import { describe, expect, it } from 'vitest';
import { MissionIntentSchema } from '../../contracts/index.js';
import { DEFAULT_BLACKBOARD } from './audit-command.js';

describe('swarmlord audit', () => {
  it("defaults to the intent's blackboard path", () => {
    expect(DEFAULT_BLACKBOARD).toBe(MissionIntentSchema.shape.telemetry.parse(undefined).blackboard_path);
  });
});
