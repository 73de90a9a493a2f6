import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ModelPort, ModelRequest } from '../model-port.js';

/** JSON with object keys sorted at every depth, so equal values always hash the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    return Object.fromEntries(Object.entries(item).sort(([left], [right]) => (left < right ? -1 : 1)));
  });
}

function jsonSchemaOf(schema: z.ZodType<unknown>): unknown {
  // A schema with transforms has no exact JSON form; `any` still hashes its structure stably.
  return z.toJSONSchema(schema, { unrepresentable: 'any' });
}

/**
 * The cache key of a call: sha256 of what determines the answer (provider, model, prompt text,
 * excerpts, input, schemas, tool names, limits). Never keys, headers or base URLs: a replay must hit
 * whoever's credentials recorded it, and nothing secret may shape a file name.
 */
export function callCacheKey(
  port: Pick<ModelPort, 'provider' | 'modelId'>,
  request: ModelRequest<unknown>,
): string {
  const material = {
    provider: port.provider,
    modelId: port.modelId,
    task: request.task,
    system: request.system,
    prompt: request.prompt,
    context: request.context.map((excerpt) => ({
      id: excerpt.id ?? null,
      ref: excerpt.ref,
      text: excerpt.text,
    })),
    input: request.input ?? null,
    schema: jsonSchemaOf(request.schema),
    tools: (request.tools ?? []).map((tool) => ({
      name: tool.name,
      inputSchema: jsonSchemaOf(tool.inputSchema),
    })),
    maxSteps: request.maxSteps ?? null,
    maxOutputTokens: request.maxOutputTokens ?? null,
  };
  return createHash('sha256').update(canonicalJson(material)).digest('hex');
}
