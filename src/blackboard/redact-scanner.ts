import type { TextScan } from './canonical-json.js';

/** What a secret is replaced with. */
export const REDACTED = '[REDACTED]';

/** Environment variables whose values are secrets, by name (`OPENAI_API_KEY`, `DB_PASSWORD`, `GITHUB_PAT`). */
const SECRET_ENV_NAME = /(?:^|_)(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|PAT|CREDENTIALS?|AUTH)$/i;
/** Shorter values (`1`, `true`, `dev`) would redact ordinary words everywhere. */
const MIN_ENV_SECRET_LENGTH = 8;
/** The shortest text any form can match (`pwd=abcd` is 8). */
const MIN_SECRET_TEXT = 5;

/**
 * Known credential shapes, one alternative each. Each starts at a boundary so that words such as
 * `risk-assessment` do not look like `sk-` keys, and requires enough characters to be a credential.
 */
const TOKEN_SOURCES: readonly string[] = [
  // PEM private keys: the whole block, or a header whose body was cut off (to the end of the text).
  String.raw`-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)`,
  // OpenAI (`sk-`, `sk-proj-`), Anthropic (`sk-ant-`) and `sk-live-…` style keys.
  String.raw`(?<![A-Za-z0-9_-])sk-(?:ant-|proj-|live-|test-)?[A-Za-z0-9_-]{16,}`,
  // Stripe secret, restricted and publishable keys; webhook secrets.
  String.raw`(?<![A-Za-z0-9_])(?:sk|rk|pk|whsec)_(?:live_|test_)?[A-Za-z0-9]{16,}`,
  String.raw`(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{20,}`,
  String.raw`(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,}`,
  String.raw`(?<![A-Za-z0-9_-])xox[abposre]-[A-Za-z0-9-]{10,}`,
  String.raw`https://hooks\.slack\.com/services/[A-Za-z0-9/]+`,
  String.raw`(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])`,
  String.raw`(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{30,}`,
  String.raw`(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{30,}`,
  String.raw`(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*`,
  String.raw`\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/-]{8,}=*`,
];

/** `scheme://user:password@host`: the user and host stay readable, the password goes (group `url`). */
const URL_SOURCE = String.raw`(?<url>[a-z][a-z0-9+.-]*://[^\s:@/]+:)[^\s@/]+(?=@)`;

/**
 * A secret-named key and its value in YAML (`password: x`), JSON (`"password": "x"`), INI and env
 * (`PASSWORD=x`, `aws_secret_access_key = x`) syntax. The key must *end* with the secret word, so
 * `input_tokens: 12` stays readable while `api_token: x` does not.
 */
const PAIR_SOURCE = String.raw`(?<q>["']?)\b(?<key>[A-Za-z0-9_.-]*?(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret|auth))\k<q>(?<sep>\s*[:=]\s*)(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)'|(?<bare>[^\s"',;&}\]]+))`;

/** A whitespace character in JSON text: itself, or the escape JSON writes for it (`\n`, `\u000b`). */
const JSON_SPACE = String.raw`(?:\s|\\[tnrfb]|\\u00[01][0-9a-fA-F])`;

/**
 * What every form above needs to occur in the JSON text of a value that holds it, with the
 * boundary assertions dropped (so it can only match more): each form's characters are ones JSON
 * never escapes, except whitespace (matched escaped too) and the quotes and separators around
 * pairs (matched escaped or not). Used case-insensitively, so it can only match more again.
 */
const DETECTOR_SOURCES: readonly string[] = [
  String.raw`-----BEGIN [A-Z0-9 ]*PRIVATE KEY`,
  String.raw`sk-(?:ant-|proj-|live-|test-)?[A-Za-z0-9_-]{16,}`,
  String.raw`(?:sk|rk|pk|whsec)_(?:live_|test_)?[A-Za-z0-9]{16,}`,
  String.raw`gh[pousr]_[A-Za-z0-9]{20,}`,
  String.raw`github_pat_[A-Za-z0-9_]{22,}`,
  String.raw`xox[abposre]-[A-Za-z0-9-]{10,}`,
  String.raw`hooks\.slack\.com/services/`,
  String.raw`(?:AKIA|ASIA)[0-9A-Z]{16}`,
  String.raw`AIza[0-9A-Za-z_-]{30,}`,
  String.raw`npm_[A-Za-z0-9]{30,}`,
  String.raw`eyJ[A-Za-z0-9_-]{8,}\.eyJ`,
  `(?:Bearer|Basic)${JSON_SPACE}+[A-Za-z0-9._~+/-]{8,}`,
  // URL passwords: an escape is never whitespace, ':', '@' or '/', so the parts still match.
  String.raw`://[^\s:@/]+:[^\s@/]+@`,
  // Pairs (the key ends with the word) and secret-named object keys (`"api_key":`).
  String.raw`(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|auth|credentials?)(?:\\?["'])?${JSON_SPACE}*[:=]`,
];

/** A character `JSON.stringify` writes escaped (as canonical JSON's `NEEDS_ESCAPE`). */
const JSON_ESCAPED_CHARACTER = String.raw`["\\\u0000-\u001f\ud800-\udfff]`;

/** Object keys whose string values are secrets whatever they look like. */
export const SECRET_KEY_NAME =
  /(?:^|_|-)(?:password|passwd|secret|token|api_?key|access_?key|private_?key|credentials?)$/i;

/**
 * One compiled scanner: every form in one regular expression, so a text is read once. It is also
 * the `TextScan` canonical JSON uses to scan each string and key as it writes them.
 */
export interface SecretScanner extends TextScan {
  /** `text` with every secret replaced by `[REDACTED]`; the same string when nothing matched. */
  redact(text: string): string;
  /** `[start, end)` of every secret in `text`, in order. */
  spans(text: string): Array<[number, number]>;
  /**
   * False only when the JSON text `json` (of a value, as `JSON.stringify` or `canonicalJson`
   * write it) provably holds nothing `redactSecrets` would change in that value: one scan of the
   * whole text, so a receipt without secrets is neither walked nor copied.
   */
  mayHoldSecret(json: string): boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The values of secret-named variables, longest first so a secret that contains another goes whole. */
export function envSecretsOf(env: NodeJS.ProcessEnv): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.length >= MIN_ENV_SECRET_LENGTH && SECRET_ENV_NAME.test(name))
      values.add(value);
  }
  return [...values].sort((a, b) => b.length - a.length);
}

interface Groups {
  url?: string;
  q?: string;
  key?: string;
  sep?: string;
  dq?: string;
  sq?: string;
  bare?: string;
}

/** A redacted value (`[REDACTED]`, or one cut before its closing bracket) is not redacted again. */
function alreadyRedacted(value: string): boolean {
  return value.startsWith(REDACTED.slice(0, -1));
}

function replacement(match: string, groups: Groups): string {
  if (groups.url !== undefined) return `${groups.url}${REDACTED}`;
  if (groups.key !== undefined) {
    const value = groups.dq ?? groups.sq ?? groups.bare ?? '';
    if (value === '' || alreadyRedacted(value)) return match;
    const kept = `${groups.q ?? ''}${groups.key}${groups.q ?? ''}${groups.sep ?? ''}`;
    if (groups.dq !== undefined) return `${kept}"${REDACTED}"`;
    if (groups.sq !== undefined) return `${kept}'${REDACTED}'`;
    return `${kept}${REDACTED}`;
  }
  return REDACTED;
}

/**
 * Compiles the scanner for one set of environment secrets: the literal values first (a value is
 * redacted wherever it occurs, whatever its shape), then the token shapes, URL passwords and pairs.
 */
export function compileSecretScanner(envSecrets: readonly string[]): SecretScanner {
  // Token shapes and literal values are strict about case; pair keys and URL schemes are not.
  const strict = new RegExp(
    [...envSecrets.map(escapeRegExp), ...TOKEN_SOURCES].map((source) => `(?:${source})`).join('|'),
    'g',
  );
  const loose = new RegExp(`(?:${URL_SOURCE})|(?:${PAIR_SOURCE})`, 'gi');
  // A value is found in JSON text as JSON writes it; with a surrogate in it, escaping depends on
  // its neighbours, so such an environment sends every text down the full walk.
  const unsure = envSecrets.some((secret) => /[\uD800-\uDFFF]/.test(secret));
  const detectorSource = [
    ...envSecrets.map((secret) => escapeRegExp(JSON.stringify(secret).slice(1, -1))),
    ...DETECTOR_SOURCES,
  ]
    .map((source) => `(?:${source})`)
    .join('|');
  const detector = new RegExp(detectorSource, 'i');
  return {
    detector,
    // A string's raw text: a character JSON escapes (canonical JSON's own test), or any detector
    // form. Where neither occurs, the JSON text is the text quoted and holds no form either: no
    // form can use a quote at its ends (a pair needs `:`/`=` after its key's closing quote).
    escapeOrSecret: new RegExp(`${JSON_ESCAPED_CHARACTER}|${detectorSource}`, 'i'),
    always: unsure,
    mayHoldSecret(json) {
      return unsure || detector.test(json);
    },
    redact(text) {
      // No secret form is shorter than this; most strings in a receipt (ids, paths, numbers) are.
      if (text.length < MIN_SECRET_TEXT) return text;
      // `replace` hands back the same string when nothing matched.
      const tokensGone = text.replace(strict, REDACTED);
      return tokensGone.replace(loose, (match, ...rest) => replacement(match, rest.at(-1) as Groups));
    },
    spans(text) {
      const found: Array<[number, number]> = [];
      for (const regex of [strict, loose]) {
        regex.lastIndex = 0;
        for (const match of text.matchAll(regex)) {
          const groups = (match.groups ?? {}) as Groups;
          let start = match.index;
          if (groups.url !== undefined) start += groups.url.length;
          else if (groups.key !== undefined) {
            start += `${groups.q ?? ''}${groups.key}${groups.q ?? ''}${groups.sep ?? ''}`.length;
          }
          found.push([start, match.index + match[0].length]);
        }
      }
      return found.sort((a, b) => a[0] - b[0]);
    },
  };
}
