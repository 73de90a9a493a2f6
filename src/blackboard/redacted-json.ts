import type { ScanState } from './canonical-json.js';
import { isCleanString, scannedKeyText } from './canonical-json.js';
import { REDACTED, SECRET_KEY_NAME, type SecretScanner } from './redact-scanner.js';
import { redactSecrets, scannerFor } from './redact-secrets.js';

/** Strings this long have their redacted JSON text remembered by content (code excerpts, prompts). */
const REMEMBERED_MIN = 128;
/** Longer strings are redacted each time rather than kept. */
const REMEMBERED_MAX = 64 * 1024;
/** The remembered texts of one scanner start again past this many UTF-16 units (keys and texts). */
const REMEMBERED_UNITS = 4 * 1024 * 1024;
/** Deeper values go to the definition (which also decides what a cycle does). */
const MAX_DEPTH = 64;

/** Long strings' redacted JSON texts, by the string itself, per scanner (the redaction depends on it). */
interface Remembered {
  texts: Map<string, string>;
  units: number;
}

const rememberedBy = new WeakMap<SecretScanner, Remembered>();

function rememberedFor(scanner: SecretScanner): Remembered {
  let remembered = rememberedBy.get(scanner);
  if (remembered === undefined) {
    remembered = { texts: new Map(), units: 0 };
    rememberedBy.set(scanner, remembered);
  }
  return remembered;
}

/** Thrown inside the writer when the value needs the definition (a key to rename, a `toJSON`, a bigint…). */
const UNSURE: unique symbol = Symbol('redacted-json: unsure');

interface Writer {
  scanner: SecretScanner;
  state: ScanState;
  remembered: Remembered;
}

/**
 * `JSON.stringify(redactSecrets(value, env))`, written in one pass: each string is tested once
 * (the characters JSON escapes or any detector form, `escapeOrSecret`): where that finds nothing,
 * the string is provably unchanged by redaction and its JSON text is the string quoted; otherwise
 * it is redacted (`scanner.redact`, the definition) and escaped by `JSON.stringify`. Each key's
 * `"key":` text is scanned once per scanner (canonical JSON's remembered verdict). The redacted
 * JSON text of a long string is remembered by the string's content, so the code excerpts a
 * mission's journal repeats in every lane's steps are redacted and escaped once.
 *
 * What the walk would do differently from a string-by-string rewrite — a key that is itself
 * redacted (the walk moves its member to the end and may merge two), an object with `toJSON`, a
 * prototype other than `Object`'s or `Array`'s, a bigint, a very deep value or a cycle — is left to
 * the definition, `JSON.stringify(redactSecrets(value, env))`, which then decides the text or the
 * error. A secret-named key (`api_token`) is always a suspect key (its `"key":` text holds a detector
 * form), so its string value is replaced by `[REDACTED]` exactly where the walk replaces it.
 *
 * @example
 * redactedJson({ note: 'token: abc12345' }); // '{"note":"token: [REDACTED]"}'
 */
export function redactedJson(value: unknown, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const scanner = scannerFor(env);
  if (!scanner.always) {
    const writer: Writer = {
      scanner,
      state: { scan: scanner, suspect: false },
      remembered: rememberedFor(scanner),
    };
    try {
      return writeValue(value, false, writer, 0);
    } catch (error) {
      if (error !== UNSURE) throw error;
    }
  }
  return JSON.stringify(redactSecrets(value, env));
}

function writeValue(value: unknown, inArray: boolean, writer: Writer, depth: number): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return writeString(value, writer);
    case 'number':
      // JSON.stringify writes a non-finite number as null, a finite one as its ECMAScript string.
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return writeObject(value, writer, depth);
    case 'bigint':
      throw UNSURE;
    default:
      // undefined, a function, a symbol: left out of an object, `null` in an array.
      return inArray ? 'null' : undefined;
  }
}

function writeString(text: string, writer: Writer): string {
  const { scanner } = writer;
  // Nothing to escape and no detector form: redaction leaves it as it is (decision 0057).
  if (isCleanString(text, scanner)) return `"${text}"`;
  if (text.length < REMEMBERED_MIN || text.length > REMEMBERED_MAX) {
    return JSON.stringify(scanner.redact(text));
  }
  const { remembered } = writer;
  let json = remembered.texts.get(text);
  if (json === undefined) {
    json = JSON.stringify(scanner.redact(text));
    if (remembered.units + text.length + json.length > REMEMBERED_UNITS) {
      remembered.texts.clear();
      remembered.units = 0;
    }
    // A copy of its own: a text cut from a file is a slice that would keep the whole file alive.
    remembered.texts.set(JSON.parse(JSON.stringify(text)) as string, json);
    remembered.units += text.length + json.length;
  }
  return json;
}

function writeObject(value: object, writer: Writer, depth: number): string {
  if (depth >= MAX_DEPTH) throw UNSURE;
  // Honoured by both JSON.stringify and the walk, but called differently (with and without a key).
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') throw UNSURE;
  if (Array.isArray(value)) {
    const length = value.length;
    if (length === 0) return '[]';
    let text = `[${writeValue(value[0], true, writer, depth + 1)}`;
    for (let index = 1; index < length; index += 1) {
      text += `,${writeValue(value[index], true, writer, depth + 1)}`;
    }
    return `${text}]`;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) throw UNSURE;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const { state } = writer;
  let text = '';
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index] as string;
    const item = record[key];
    const keyJson = scannedKeyText(key, text !== '', state);
    let written: string | undefined;
    if (state.suspect) {
      state.suspect = false;
      // A key the walk would rename: its member moves (or merges), the definition decides.
      if (writer.scanner.redact(key) !== key) throw UNSURE;
      // The walk's rule for secret-named keys, whose `"key":` text is always suspect.
      written =
        typeof item === 'string' && item !== '' && item !== REDACTED && SECRET_KEY_NAME.test(key)
          ? `"${REDACTED}"`
          : writeValue(item, false, writer, depth + 1);
    } else {
      written = writeValue(item, false, writer, depth + 1);
    }
    if (written === undefined) continue;
    text = text === '' ? `{${keyJson}${written}` : text + keyJson + written;
  }
  return text === '' ? '{}' : `${text}}`;
}
