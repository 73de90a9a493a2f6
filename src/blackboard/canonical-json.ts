/**
 * Canonical JSON of a JSON-compatible value: object keys sorted recursively (by UTF-16 code units,
 * as RFC 8785), no whitespace, `undefined` object fields omitted (and `undefined` in arrays written
 * as `null`, as `JSON.stringify` does). Numbers and strings are serialised exactly as
 * `JSON.stringify` does, which is what RFC 8785 prescribes for the data we store.
 *
 * Two values that are equal as JSON always give the same string, so the string can be hashed.
 *
 * @throws TypeError for values JSON cannot represent faithfully (non-finite numbers, bigint,
 * functions, symbols) — silently writing `null` would make the hash cover something else.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, undefined] }); // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  const text = serialize(value, false);
  if (text === undefined) throw new TypeError('canonicalJson: the top-level value is undefined');
  return text;
}

function serialize(value: unknown, inArray: boolean): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined':
      return inArray ? 'null' : undefined;
    case 'boolean':
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object':
      return serializeObject(value as object);
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} cannot be written as JSON`);
  }
}

function serializeObject(value: object): string | undefined {
  const withToJson = value as { toJSON?: () => unknown };
  // Dates and similar objects define their own JSON form; honour it like JSON.stringify.
  if (typeof withToJson.toJSON === 'function') return serialize(withToJson.toJSON(), false);
  // Plain string concatenation: this runs once per append, so it is kept allocation-light.
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index += 1) {
      text += `${index === 0 ? '' : ','}${serialize(value[index], true)}`;
    }
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  let text = '{';
  for (const key of Object.keys(record).sort()) {
    const item = serialize(record[key], false);
    if (item !== undefined) text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${item}`;
  }
  return `${text}}`;
}
