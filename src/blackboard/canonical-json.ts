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
  const text = serialize(value, false, undefined);
  if (text === undefined) throw new TypeError('canonicalJson: the top-level value is undefined');
  return text;
}

/**
 * How `scannedCanonicalJson` looks at each string and key while it writes them (a compiled secret
 * scanner provides it): one regular expression per string instead of the escape test alone, and
 * none at all over the keys, numbers and punctuation between them.
 */
export interface TextScan {
  /**
   * Matches a string's raw text when it needs a JSON escape or may hold a secret (the secret
   * detector's forms, plus the characters JSON escapes). Where it does not match, the string's
   * JSON text is `"text"` and the detector finds nothing in it.
   */
  readonly escapeOrSecret: RegExp;
  /** The secret detector, over JSON text (see `SecretScanner.mayHoldSecret`). */
  readonly detector: RegExp;
  /** Every text may hold a secret (the detector cannot decide for this scanner's secrets). */
  readonly always: boolean;
}

/** One serialisation's scan: its scanner, and whether any string or key may hold a secret so far. */
export interface ScanState {
  readonly scan: TextScan;
  suspect: boolean;
}

/**
 * `canonicalJson(value)` and, from the same pass, whether the text may hold a secret: false only
 * when the detector finds nothing in the JSON text of any string or key of it (a key's text taken
 * with its colon, `"key":`, as secret-named keys are recognised). Numbers, booleans and the
 * punctuation are not scanned: no redaction changes them, and a detector match that needs them
 * spans two texts the walk redacts one at a time. A key's verdict is remembered with its texts.
 */
export function scannedCanonicalJson(value: unknown, scan: TextScan): { text: string; suspect: boolean } {
  const state: ScanState = { scan, suspect: scan.always };
  const text = serialize(value, false, state);
  if (text === undefined) throw new TypeError('canonicalJson: the top-level value is undefined');
  return { text, suspect: state.suspect };
}

/** A sealed value's canonical text, and the last scan that found nothing in it. */
interface SealedText {
  text: string;
  cleanUnder: TextScan | undefined;
}

/** The texts of the copies `sealJson` made, by copy: each deep-frozen, so its text cannot change. */
const sealedTexts = new WeakMap<object, SealedText>();

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  for (const item of Object.values(value)) deepFreeze(item);
  Object.freeze(value);
}

/**
 * A deep-frozen copy of `value` as JSON data (what canonical JSON writes of it, parsed back), whose
 * canonical text is remembered with it: a value written into every receipt of a run (the safety
 * envelope) is serialised once, and scanned once per scanner, not once per receipt.
 *
 * @example
 * const envelope = sealJson({ max_files: 40 }); // frozen; sealedText(envelope) is '{"max_files":40}'
 */
export function sealJson<T>(value: T): T {
  const text = canonicalJson(value);
  const copy = JSON.parse(text) as T;
  if (copy === null || typeof copy !== 'object') return copy;
  deepFreeze(copy);
  sealedTexts.set(copy, { text, cleanUnder: undefined });
  return copy;
}

/**
 * The canonical text of a copy `sealJson` made (undefined for any other value), scanned into
 * `state` when given: the first time for each scanner, then from the remembered verdict.
 */
export function sealedText(value: object, state: ScanState | undefined): string | undefined {
  const sealed = sealedTexts.get(value);
  if (sealed === undefined) return undefined;
  if (state !== undefined && sealed.cleanUnder !== state.scan) {
    if (scannedCanonicalJson(value, state.scan).suspect) state.suspect = true;
    else sealed.cleanUnder = state.scan;
  }
  return sealed.text;
}

/** `canonicalJson(value)`, its strings and keys scanned into `state` (see `scannedCanonicalJson`). */
export function canonicalJsonInto(value: unknown, state: ScanState): string {
  const text = serialize(value, false, state);
  if (text === undefined) throw new TypeError('canonicalJson: the top-level value is undefined');
  return text;
}

/**
 * A character `JSON.stringify` writes escaped in a string: `"`, `\`, the controls below U+0020,
 * and surrogates (lone ones are escaped; a string with a pair goes the native way too).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the controls are what JSON escapes.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function serialize(value: unknown, inArray: boolean, state: ScanState | undefined): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      if (state !== undefined) {
        // One test decides both: no escape needed and nothing the detector would find.
        return isCleanString(value, state.scan) ? `"${value}"` : scannedString(value, state);
      }
      // Most strings need no escape: quoted as they are, half the cost of the native call.
      return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      // A finite number's JSON text is its ECMAScript string (`-0` too gives "0"), a tenth of the cost.
      return String(value);
    case 'undefined':
      return inArray ? 'null' : undefined;
    case 'object':
      return serializeObject(value as object, state);
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} cannot be written as JSON`);
  }
}

/** Strings up to this long have their clean verdict remembered (longer ones are tested each time). */
const MAX_REMEMBERED_CLEAN = 256;
/** How many clean strings are remembered per scanner before the memo starts again. */
const MAX_REMEMBERED_CLEANS = 4096;

/**
 * The strings each scanner found clean (`escapeOrSecret` did not match: no escape, no detector
 * form), by content: the verdict is a function of the text and the scanner alone, so a remembered
 * one can never answer for another text or another environment's secrets. The last scanner's set
 * is kept at hand (one comparison per string).
 */
const cleanStrings = new WeakMap<TextScan, Set<string>>();
let lastScan: TextScan | undefined;
let lastClean = new Set<string>();

function cleanStringsOf(scan: TextScan): Set<string> {
  if (scan !== lastScan) {
    let clean = cleanStrings.get(scan);
    if (clean === undefined) {
      clean = new Set();
      cleanStrings.set(scan, clean);
    }
    lastScan = scan;
    lastClean = clean;
  }
  return lastClean;
}

/**
 * Whether `scan.escapeOrSecret` finds nothing in `text` (no JSON escape, no detector form: its JSON
 * text is the text quoted, and redaction leaves it as it is). Receipts and journal steps repeat the
 * same ids, roles, paths and timestamps, so a string found clean is remembered (see above).
 */
export function isCleanString(text: string, scan: TextScan): boolean {
  // Longer texts are never remembered: not even hashed for a look-up.
  if (text.length > MAX_REMEMBERED_CLEAN) return !scan.escapeOrSecret.test(text);
  const clean = cleanStringsOf(scan);
  if (clean.has(text)) return true;
  if (scan.escapeOrSecret.test(text)) return false;
  if (clean.size >= MAX_REMEMBERED_CLEANS) clean.clear();
  // A copy of its own (the text is clean: quoted, it is its JSON): a slice of a file's text would
  // keep the whole file alive.
  clean.add(JSON.parse(`"${text}"`) as string);
  return true;
}

/** A string that needs an escape or may hold a secret: its JSON text, scanned as such. */
function scannedString(value: string, state: ScanState): string {
  if (!NEEDS_ESCAPE.test(value)) {
    // Its JSON text is the raw text quoted, which the detector matched (the quotes add no match).
    state.suspect = true;
    return `"${value}"`;
  }
  const json = JSON.stringify(value);
  if (!state.suspect && state.scan.detector.test(json)) state.suspect = true;
  return json;
}

/** Scans a key's `"key":` into `state`, remembering a clean verdict with the key's texts. */
function scanKey(texts: KeyTexts, state: ScanState): void {
  if (state.scan.detector.test(texts.alone)) state.suspect = true;
  else texts.cleanUnder = state.scan;
}

/** Keys longer than this are serialised each time rather than remembered. */
const MAX_REMEMBERED_KEY = 64;
/** How many `"key":` texts are remembered before the memo starts again (a few hundred in practice). */
const MAX_REMEMBERED_KEYS = 4096;

/**
 * The texts written before a key's value, remembered by the key's own text (so they can never
 * answer for another key): receipts repeat the same few dozen keys, and escaping each one again
 * took a native call per key of every object. Each in the three places a key is written — first in
 * its object (`{"key":`), after another member (`,"key":`), alone (`"key":`) — so an object's text
 * is built with one concatenation less per member and per object.
 */
interface KeyTexts {
  alone: string;
  first: string;
  next: string;
  /** The last scan that found nothing in `alone` (the verdict depends on the scanner's secrets). */
  cleanUnder: TextScan | undefined;
}

const keyTexts = new Map<string, KeyTexts>();

function textsOf(key: string): KeyTexts {
  let texts = keyTexts.get(key);
  if (texts === undefined) {
    const alone = `${JSON.stringify(key)}:`;
    texts = { alone, first: `{${alone}`, next: `,${alone}`, cleanUnder: undefined };
    if (key.length <= MAX_REMEMBERED_KEY) {
      if (keyTexts.size >= MAX_REMEMBERED_KEYS) keyTexts.clear();
      keyTexts.set(key, texts);
    }
  }
  return texts;
}

/** `JSON.stringify(key)` followed by `:`, as canonical JSON writes a key before its value. */
export function keyText(key: string): string {
  return textsOf(key).alone;
}

/** `keyText(key)` after a `,`: a member that follows another. */
export function nextKeyText(key: string): string {
  return textsOf(key).next;
}

/**
 * `keyText(key)` or `nextKeyText(key)` (`first` false or true), the key scanned into `state`
 * (see `scannedCanonicalJson`).
 */
export function scannedKeyText(key: string, next: boolean, state: ScanState): string {
  const texts = textsOf(key);
  if (texts.cleanUnder !== state.scan) scanKey(texts, state);
  return next ? texts.next : texts.alone;
}

/** Up to this many keys are sorted in place here; longer lists go to `Array.prototype.sort`. */
const INSERTION_SORT_MAX = 32;

/**
 * `keys.sort()` (UTF-16 code-unit order; the keys of one object are distinct strings, so every
 * stable or unstable sort gives the same order), in place without the work array the built-in
 * sort allocates: receipts sort the keys of thousands of small objects per mission, and those
 * short-lived arrays were the largest single source of garbage on the receipt path.
 */
export function sortKeys(keys: string[]): string[] {
  const length = keys.length;
  if (length > INSERTION_SORT_MAX) return keys.sort();
  for (let index = 1; index < length; index += 1) {
    const key = keys[index] as string;
    let at = index - 1;
    while (at >= 0 && (keys[at] as string) > key) {
      keys[at + 1] = keys[at] as string;
      at -= 1;
    }
    keys[at + 1] = key;
  }
  return keys;
}

function serializeObject(value: object, state: ScanState | undefined): string | undefined {
  const withToJson = value as { toJSON?: () => unknown };
  // Dates and similar objects define their own JSON form; honour it like JSON.stringify.
  if (typeof withToJson.toJSON === 'function') return serialize(withToJson.toJSON(), false, state);
  // Plain concatenation, no template or separator test per item: this runs for every value of
  // every receipt.
  if (Array.isArray(value)) {
    const length = value.length;
    if (length === 0) return '[]';
    let text = `[${serialize(value[0], true, state)}`;
    for (let index = 1; index < length; index += 1) text += `,${serialize(value[index], true, state)}`;
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 1) sortKeys(keys);
  // `{"key":value` for the first member written, `,"key":value` appended for each next one.
  let text = '';
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index] as string;
    const item = serialize(record[key], false, state);
    if (item === undefined) continue;
    const texts = textsOf(key);
    if (state !== undefined && texts.cleanUnder !== state.scan) scanKey(texts, state);
    text = text === '' ? texts.first + item : text + texts.next + item;
  }
  return text === '' ? '{}' : `${text}}`;
}
