import { describe, expect, it } from 'vitest';
import { INTENT_JSON_SCHEMA_ID, intentJsonSchema } from './intent-json-schema.js';

interface ObjectSchema {
  type?: string;
  required?: string[];
  properties?: Record<string, ObjectSchema & { default?: unknown; anyOf?: unknown[]; enum?: unknown[] }>;
  additionalProperties?: boolean;
}

describe('intentJsonSchema', () => {
  const schema = intentJsonSchema() as ObjectSchema & Record<string, unknown>;

  it('is a draft 2020-12 object schema with an id and title', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(INTENT_JSON_SCHEMA_ID);
    expect(schema.title).toBe('swarmlord mission intent');
    expect(schema.type).toBe('object');
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('requires only the fields without defaults and carries the defaults', () => {
    expect([...(schema.required ?? [])].sort()).toEqual(['created_at', 'mission_id', 'objective']);
    const properties = schema.properties ?? {};
    expect(properties.mission_id?.type).toBe('string');
    expect(properties.lanes?.default).toBe(2);
    expect(properties.lanes?.anyOf).toHaveLength(2);
    expect(properties.quorum?.properties?.threshold?.default).toBe(2);
    expect(properties.telemetry?.properties?.otel_format?.enum).toEqual(['json', 'yaml']);
  });

  it('documents lane_concurrency: an optional whole number ≥ 1 with a description', () => {
    const field = schema.properties?.lane_concurrency as
      | (ObjectSchema & { minimum?: number; description?: string; default?: unknown })
      | undefined;
    expect(field?.type).toBe('integer');
    expect(field?.minimum).toBe(1);
    expect(field?.default).toBeUndefined();
    expect(field?.description).toContain('lane attempts');
    expect(schema.required ?? []).not.toContain('lane_concurrency');
  });

  it('closes objects like the loader does, so editors flag unknown keys', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties?.quorum?.additionalProperties).toBe(false);
  });
});
