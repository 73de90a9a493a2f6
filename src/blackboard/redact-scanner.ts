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

/** Object keys whose string values are secrets whatever they look like. */
export const SECRET_KEY_NAME =
  /(?:^|_|-)(?:password|passwd|secret|token|api_?key|access_?key|private_?key|credentials?)$/i;

/** One compiled scanner: every form in one regular expression, so a text is read once. */
export interface SecretScanner {
  /** `text` with every secret replaced by `[REDACTED]`; the same string when nothing matched. */
  redact(text: string): string;
  /** `[start, end)` of every secret in `text`, in order. */
  spans(text: string): Array<[number, number]>;
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
  return {
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
