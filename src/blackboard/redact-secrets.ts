import type { ScanState } from './canonical-json.js';
import { canonicalJson, isCleanString, scannedCanonicalJson, scannedKeyText } from './canonical-json.js';
import {
  compileSecretScanner,
  envSecretsOf,
  REDACTED,
  SECRET_KEY_NAME,
  type SecretScanner,
} from './redact-scanner.js';

export { REDACTED } from './redact-scanner.js';

/**
 * One scanner per environment object, compiled on first use: the secret-named variables are read
 * once per process (for `process.env`) rather than once per receipt. A caller that changes a secret
 * variable after the first redaction passes a new environment object.
 */
const scanners = new WeakMap<object, SecretScanner>();

export function scannerFor(env: NodeJS.ProcessEnv = process.env): SecretScanner {
  let scanner = scanners.get(env);
  if (scanner === undefined) {
    scanner = compileSecretScanner(envSecretsOf(env));
    scanners.set(env, scanner);
  }
  return scanner;
}

/**
 * `value` with secret-looking strings replaced by `[REDACTED]`: known API key shapes (`sk-…`,
 * `sk-proj-…`, `sk-ant-…`, `ghp_…`/`gho_…`/`ghs_…`, `github_pat_…`, `xoxb-…`, `AKIA…`, Stripe
 * `sk_live_…`/`rk_live_…`, `Bearer …`, JWTs), PEM private keys (the whole block), URL passwords
 * (`postgres://user:[REDACTED]@host`), `password=…`/`password: …`/`"password": "…"` pairs (YAML,
 * JSON, INI, env), string values under keys such as `password` or `api_key`, and every occurrence of
 * the value of an environment variable named `*_KEY`, `*_TOKEN`, `*_SECRET`, `*_PASSWORD`, … (values
 * of 8 characters or more).
 *
 * Nothing is copied that holds no secret: the result is the input itself (same object, same array)
 * when nothing matched, and a changed object shares every unchanged branch. The input is never
 * modified. Objects with `toJSON` (a `Date`) are redacted in their JSON form.
 *
 * @example
 * redactSecrets({ summary: 'used sk-abc…' }, { OPENAI_API_KEY: 'sk-abc…' }); // { summary: 'used [REDACTED]' }
 */
export function redactSecrets<T>(value: T, env: NodeJS.ProcessEnv = process.env): T {
  const scanner = scannerFor(env);
  if (value !== null && typeof value === 'object') {
    // Each string and key tested once, as canonical JSON tests them (the clean ones remembered by
    // content): when none may hold a secret (the common case), the walk would change nothing.
    const clean = provablyClean(value, scanner);
    if (clean) return value;
    // Something the piece test does not decide (a `toJSON`, a deep or cyclic value): an object
    // or array is read as one text, and walked only when that text may hold a secret.
    if (clean === undefined) {
      const text = scannableText(value);
      if (text !== undefined && !scanner.mayHoldSecret(text)) return value;
    }
  }
  return redactValue(value, scanner) as T;
}

/** Deeper than this the piece test leaves the value to the one-text test (a cycle ends there too). */
const MAX_PIECE_DEPTH = 64;

/**
 * True when no string and no key of `value` may hold a secret, tested piece by piece as canonical
 * JSON tests them (decisions 0057, 0061): a string whose `escapeOrSecret` test finds nothing (or,
 * when it needs an escape, whose JSON text the detector finds nothing in), a key whose `"key":`
 * text the detector finds nothing in (a secret-named key always holds a detector form there).
 * The walk changes only such strings, keys and the string values of secret-named keys, each of
 * which lies whole in its own piece, so it would return `value` itself. False when a piece may
 * hold a secret; undefined when the test cannot decide (a `toJSON`, depth past 64, a scanner
 * whose secrets make every text suspect).
 */
function provablyClean(value: object, scanner: SecretScanner): boolean | undefined {
  if (scanner.always) return undefined;
  const state: ScanState = { scan: scanner, suspect: false };
  const stack: unknown[] = [value];
  const depths: number[] = [0];
  while (stack.length > 0) {
    const current = stack.pop();
    const depth = depths.pop() as number;
    if (typeof current === 'string') {
      if (!isCleanString(current, scanner) && scanner.detector.test(JSON.stringify(current))) return false;
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_PIECE_DEPTH || typeof (current as { toJSON?: unknown }).toJSON === 'function') {
      return undefined;
    }
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index += 1) {
        stack.push(current[index]);
        depths.push(depth + 1);
      }
      continue;
    }
    const record = current as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      scannedKeyText(key, false, state);
      if (state.suspect) return false;
      stack.push(record[key]);
      depths.push(depth + 1);
    }
  }
  return true;
}

/**
 * `redactSecrets` without the one-scan shortcut: every string and key visited. The definition the
 * shortcut is checked against; the same result, slower.
 */
export function redactSecretsByWalk<T>(value: T, env: NodeJS.ProcessEnv = process.env): T {
  return redactValue(value, scannerFor(env)) as T;
}

/**
 * JSON leaves out an object's keys whose values it cannot write (`undefined`, functions, symbols);
 * the walk still redacts those keys, so here they are written, with `null`.
 */
function keepEveryKey(_key: string, item: unknown): unknown {
  return item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item;
}

/**
 * Whether JSON would leave out a key somewhere in `value` (a member whose value is `undefined`, a
 * function or a symbol), or the text JSON writes is not the value's own (an object with `toJSON`).
 * Only called on a value JSON just wrote, so it holds no cycle; an explicit stack, so no depth limit.
 */
function jsonDropsSomething(value: object): boolean {
  const stack: object[] = [value];
  while (stack.length > 0) {
    const current = stack.pop() as Record<string, unknown>;
    if (typeof current.toJSON === 'function') return true;
    if (Array.isArray(current)) {
      // JSON writes every item (`null` for what it cannot write), as the replacer does.
      for (let index = 0; index < current.length; index += 1) {
        const item: unknown = current[index];
        if (typeof item === 'object' && item !== null) stack.push(item);
      }
      continue;
    }
    for (const key of Object.keys(current)) {
      const item = current[key];
      const type = typeof item;
      if (type === 'undefined' || type === 'function' || type === 'symbol') return true;
      if (type === 'object' && item !== null) stack.push(item as object);
    }
  }
  return false;
}

/**
 * The JSON text of `value` with every key and string the walk would visit (toJSON honoured as the
 * walk does), for `mayHoldSecret`; undefined when it has none (a cycle, a bigint): walked then.
 * The plain `JSON.stringify` text when JSON leaves nothing out (the usual case: a replacer makes
 * the native serialiser call back for every value, ~1.6× its cost), else the replacer's.
 */
function scannableText(value: object): string | undefined {
  try {
    const plain = JSON.stringify(value);
    return jsonDropsSomething(value) ? JSON.stringify(value, keepEveryKey) : plain;
  } catch {
    return undefined;
  }
}

/**
 * False only when the JSON text of a value provably holds nothing `redactSecrets` would change in
 * it (one scan of the text; see `SecretScanner.mayHoldSecret`). `json` must be what
 * `JSON.stringify` or `canonicalJson` wrote for the value.
 */
export function mayHoldSecret(json: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return scannerFor(env).mayHoldSecret(json);
}

/**
 * The canonical JSON of `value` with its secrets redacted: its strings and keys scanned as they
 * are written (`scannedCanonicalJson`), the value walked only when one may hold a secret.
 */
export function redactedCanonicalJson(value: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const scanner = scannerFor(env);
  const { text, suspect } = scannedCanonicalJson(value, scanner);
  return suspect ? canonicalJson(redactValue(value, scanner)) : text;
}

/** One text redacted: the form every outgoing string (error messages, stdout lines) goes through. */
export function redactText(text: string, env: NodeJS.ProcessEnv = process.env): string {
  return scannerFor(env).redact(text);
}

/**
 * The longest prefix of `text` of at most `limit` characters that does not end inside a secret: a
 * quote cut there still occurs verbatim in the text (so it can be pinned to its lines), and a later
 * redaction sees every secret in it whole — never a fragment too short to recognise.
 */
export function cutOutsideSecrets(text: string, limit: number, env: NodeJS.ProcessEnv = process.env): string {
  if (text.length <= limit) return text;
  let cut = limit;
  for (const [start, end] of scannerFor(env).spans(text)) {
    if (start >= cut) break;
    if (end > cut) cut = start;
  }
  return text.slice(0, cut);
}

/**
 * `text` (a message built from pieces of `source`: identifiers split out of a claim, a passage cut
 * from a file) with every piece of a secret found in `source` redacted too — the secrets whole and
 * each of their letter-and-digit runs of 6 characters or more, which no shape-based scan of `text`
 * alone would recognise once split off.
 */
export function redactDerived(text: string, source: string, env: NodeJS.ProcessEnv = process.env): string {
  const scanner = scannerFor(env);
  let result = scanner.redact(text);
  // Longest first, so a run inside a longer piece does not leave the rest of it behind.
  for (const piece of secretPiecesOf(source, scanner)) {
    if (result.includes(piece)) result = result.split(piece).join(REDACTED);
  }
  return result;
}

/**
 * The last source's secret pieces, longest first (see `redactDerived`): a claim's missing tokens
 * are redacted one after the other against the same claim text, whose pieces are a function of
 * that text and the scanner alone. Kept for the very text (compared by content) and scanner only,
 * as a copy of its own (a slice would keep a larger text alive).
 */
let lastSource: { scanner: SecretScanner; source: string; pieces: readonly string[] } | undefined;
const MAX_REMEMBERED_SOURCE = 16 * 1024;

function secretPiecesOf(source: string, scanner: SecretScanner): readonly string[] {
  if (lastSource !== undefined && lastSource.scanner === scanner && lastSource.source === source) {
    return lastSource.pieces;
  }
  const found = new Set<string>();
  for (const [start, end] of scanner.spans(source)) {
    const secret = source.slice(start, end);
    found.add(secret);
    for (const run of secret.match(/[A-Za-z0-9]{6,}/g) ?? []) found.add(run);
  }
  const pieces = [...found].sort((a, b) => b.length - a.length);
  if (source.length <= MAX_REMEMBERED_SOURCE) {
    lastSource = { scanner, source: JSON.parse(JSON.stringify(source)) as string, pieces };
  }
  return pieces;
}

function redactValue(value: unknown, scanner: SecretScanner): unknown {
  if (typeof value === 'string') return scanner.redact(value);
  if (value === null || typeof value !== 'object') return value;
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return redactValue(withToJson.toJSON(), scanner);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      const redacted = redactValue(item, scanner);
      if (redacted !== item) {
        copy ??= value.slice();
        copy[index] = redacted;
      }
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const redacted =
      typeof item === 'string' && item !== '' && item !== REDACTED && SECRET_KEY_NAME.test(key)
        ? REDACTED
        : redactValue(item, scanner);
    // A key can hold a secret too (a map keyed by token): it goes like any other text.
    const redactedKey = scanner.redact(key);
    if (redactedKey !== key) {
      copy ??= { ...(value as Record<string, unknown>) };
      delete copy[key];
      copy[redactedKey] = redacted;
    } else if (redacted !== item) {
      copy ??= { ...(value as Record<string, unknown>) };
      copy[key] = redacted;
    }
  }
  return copy ?? value;
}
