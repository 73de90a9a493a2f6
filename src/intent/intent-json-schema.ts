import { z } from 'zod';
import { MissionIntentSchema } from '../contracts/mission-intent.js';

/** Stable identifier of the published schema; a URN because the project owns no schema host. */
export const INTENT_JSON_SCHEMA_ID = 'urn:swarmlord:schema:mission-intent:v1';

type JsonObject = { [key: string]: unknown };

/**
 * Closes every object that lists its properties, mirroring the loader, which rejects unknown
 * fields: an editor using this schema then flags the same typos `loadIntentFile` does.
 */
function closeObjects(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) closeObjects(item);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const object = value as JsonObject;
  if (object.type === 'object' && object.properties !== undefined && !('additionalProperties' in object)) {
    object.additionalProperties = false;
  }
  for (const child of Object.values(object)) closeObjects(child);
}

/**
 * The mission intent as JSON Schema (draft 2020-12) for editors and other tools. It describes the
 * YAML as written (`io: 'input'`), so fields with defaults are optional and carry their `default`.
 * Cross-field rules (quorum threshold ≤ validators, fail rate ≥ target) cannot be expressed and
 * are enforced only by the loader.
 */
export function intentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(MissionIntentSchema, { io: 'input', target: 'draft-2020-12' }) as JsonObject;
  closeObjects(schema);
  return {
    $schema: schema.$schema,
    $id: INTENT_JSON_SCHEMA_ID,
    title: 'swarmlord mission intent',
    description: 'The single source of truth of one swarmlord mission, frozen after clarification.',
    ...schema,
  };
}
