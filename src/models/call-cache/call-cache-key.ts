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

/**
 * The canonical JSON of each schema's JSON Schema, by schema object. A zod schema is an immutable
 * value (`.describe`, `.meta`, `.extend`… return a new object), so the same object always converts
 * to the same text; converting it is most of a key's cost and lanes send the same few schemas.
 */
const schemaTexts = new WeakMap<object, string>();

function schemaText(schema: z.ZodType<unknown>): string {
  let text = schemaTexts.get(schema);
  if (text === undefined) {
    // A schema with transforms has no exact JSON form; `any` still hashes its structure stably.
    text = canonicalJson(z.toJSONSchema(schema, { unrepresentable: 'any' }));
    schemaTexts.set(schema, text);
  }
  return text;
}

/** Thrown inside `plainText` for a value it does not write itself; the caller falls back. */
const NOT_PLAIN = Symbol('not plain');

/**
 * `canonicalJson` of plain data (strings, finite or not numbers, booleans, null, arrays of them,
 * objects with the plain prototype, no `toJSON`, no integer-like keys) written directly, without
 * the replacer's sorted copy of every object. Anything else throws `NOT_PLAIN`.
 */
function plainText(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw NOT_PLAIN;
  }
  if (Array.isArray(value)) {
    let text = '';
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) text += ',';
      text += plainText(value[index]);
    }
    return `[${text}]`;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if ((prototype !== Object.prototype && prototype !== null) || 'toJSON' in value) throw NOT_PLAIN;
  const record = value as Record<string, unknown>;
  let text = '';
  for (const key of Object.keys(record).sort()) {
    const code = key.charCodeAt(0);
    // An integer-like key is enumerated first by JSON.stringify whatever the sort: left to canonicalJson.
    if (code >= 48 && code <= 57) throw NOT_PLAIN;
    const item = record[key];
    if (item === undefined) continue;
    text += `${text === '' ? '' : ','}${JSON.stringify(key)}:${plainText(item)}`;
  }
  return `{${text}}`;
}

/** `canonicalJson` of one value (undefined when JSON leaves it out), plain data written directly. */
function valueText(value: unknown): string | undefined {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return plainText(value);
  } catch (error) {
    if (error !== NOT_PLAIN) throw error;
    return canonicalJson(value);
  }
}

/** `"name":value,` as `canonicalJson` writes an object's member, or nothing for a left-out value. */
function member(name: string, text: string | undefined): string {
  return text === undefined ? '' : `"${name}":${text},`;
}

/** `{members}` without the last member's comma. */
function objectText(members: string): string {
  return `{${members.slice(0, -1)}}`;
}

/**
 * The cache key of a call: sha256 of what determines the answer (provider, model, prompt text,
 * excerpts, input, schemas, tool names, limits). Never keys, headers or base URLs: a replay must hit
 * whoever's credentials recorded it, and nothing secret may shape a file name.
 *
 * The hashed text is exactly `canonicalJson` of `{ provider, modelId, task, system, prompt, context:
 * [{ id, ref, text }], input, schema, tools: [{ name, inputSchema }], maxSteps, maxOutputTokens }`
 * (keys already written in sorted order), built without a sorted copy of the large parts and with
 * each schema's text remembered: keys recorded before stay valid (call-cache-key.test.ts).
 */
export function callCacheKey(
  port: Pick<ModelPort, 'provider' | 'modelId'>,
  request: ModelRequest<unknown>,
): string {
  const context = request.context
    .map((excerpt) =>
      objectText(
        member('id', valueText(excerpt.id ?? null)) +
          member('ref', valueText(excerpt.ref)) +
          member('text', valueText(excerpt.text)),
      ),
    )
    .join(',');
  const tools = (request.tools ?? [])
    .map((tool) =>
      objectText(member('inputSchema', schemaText(tool.inputSchema)) + member('name', valueText(tool.name))),
    )
    .join(',');
  const text = objectText(
    member('context', `[${context}]`) +
      member('input', valueText(request.input ?? null)) +
      member('maxOutputTokens', valueText(request.maxOutputTokens ?? null)) +
      member('maxSteps', valueText(request.maxSteps ?? null)) +
      member('modelId', valueText(port.modelId)) +
      member('prompt', valueText(request.prompt)) +
      member('provider', valueText(port.provider)) +
      member('schema', schemaText(request.schema)) +
      member('system', valueText(request.system)) +
      member('task', valueText(request.task)) +
      member('tools', `[${tools}]`),
  );
  return createHash('sha256').update(text).digest('hex');
}
