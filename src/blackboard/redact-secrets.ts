/** What a secret is replaced with. */
export const REDACTED = '[REDACTED]';

/** Environment variables whose values are secrets, by name. */
const SECRET_ENV_NAME = /_(?:KEY|TOKEN|SECRET|PASSWORD)$/i;
/** Shorter values (`1`, `true`, `dev`) would redact ordinary words everywhere. */
const MIN_ENV_SECRET_LENGTH = 8;
/** Object keys whose string values are secrets whatever they look like. */
const SECRET_KEY_NAME =
  /(?:^|_|-)(?:password|passwd|secret|token|api_?key|access_?key|private_?key|credentials?)$/i;

/**
 * Known credential shapes. Each starts at a word boundary so that words such as `risk-assessment`
 * do not look like `sk-` keys, and requires enough characters to be a real credential.
 */
const SECRET_PATTERNS: readonly RegExp[] = [
  // PEM private keys, whole block or a header whose body was cut off.
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
  // OpenAI (`sk-`, `sk-proj-`), Anthropic (`sk-ant-`) and `sk-live-…` style keys.
  /(?<![A-Za-z0-9_-])sk-(?:ant-|proj-|live-|test-)?[A-Za-z0-9_-]{16,}/g,
  // Stripe secret, restricted and publishable keys; webhook secrets.
  /(?<![A-Za-z0-9_])(?:sk|rk|pk|whsec)_(?:live_|test_)?[A-Za-z0-9]{16,}/g,
  /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{20,}/g,
  /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,}/g,
  /(?<![A-Za-z0-9_-])xox[abposre]-[A-Za-z0-9-]{10,}/g,
  /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]+/g,
  /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])/g,
  /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{30,}/g,
  /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{30,}/g,
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/-]{8,}=*/g,
];

/** `scheme://user:password@host`: the user and host stay readable, the password goes. */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:)[^\s@/]+(?=@)/gi;

/**
 * A secret-named key and its value in YAML (`password: x`), JSON (`"password": "x"`), INI and env
 * (`PASSWORD=x`, `aws_secret_access_key = x`) syntax. The key must *end* with the secret word, so
 * `input_tokens: 12` stays readable while `api_token: x` does not.
 */
const SECRET_PAIR =
  /(["']?)\b([A-Za-z0-9_.-]*?(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret|auth))\1(\s*[:=]\s*)(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"',;&}\]]+))/gi;

/**
 * A deep copy of `value` with secret-looking strings replaced by `[REDACTED]`: known API key shapes
 * (`sk-…`, `sk-ant-…`, `ghp_…`, `github_pat_…`, `xoxb-…`, `AKIA…`, `Bearer …`, JWTs),
 * PEM private keys, Stripe/Google/npm/Slack keys, URL passwords, `password=…`/`password: …`/
 * `"password": "…"` pairs (YAML, JSON, INI, env), string values under keys such as `password` or `api_key`, and every
 * occurrence of the value of an environment variable named `*_KEY`, `*_TOKEN`, `*_SECRET` or
 * `*_PASSWORD` (values of 8 characters or more). Non-plain objects are copied through their JSON form.
 *
 * @example
 * redactSecrets({ summary: 'used sk-abc…' }, { OPENAI_API_KEY: 'sk-abc…' }); // { summary: 'used [REDACTED]' }
 */
export function redactSecrets<T>(value: T, env: NodeJS.ProcessEnv = process.env): T {
  const envSecrets = Object.entries(env)
    .filter(([name, secret]) => SECRET_ENV_NAME.test(name) && (secret?.length ?? 0) >= MIN_ENV_SECRET_LENGTH)
    .map(([, secret]) => secret as string)
    // Longest first, so a secret that contains another is removed whole.
    .sort((a, b) => b.length - a.length);
  return redactValue(value, envSecrets) as T;
}

function redactValue(value: unknown, envSecrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactString(value, envSecrets);
  if (value === null || typeof value !== 'object') return value;
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return redactValue(withToJson.toJSON(), envSecrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, envSecrets));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      typeof item === 'string' && item !== '' && SECRET_KEY_NAME.test(key)
        ? REDACTED
        : redactValue(item, envSecrets);
  }
  return copy;
}

function redactString(text: string, envSecrets: readonly string[]): string {
  let result = text;
  for (const secret of envSecrets) {
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  }
  for (const pattern of SECRET_PATTERNS) result = result.replace(pattern, REDACTED);
  result = result.replace(URL_CREDENTIALS, `$1${REDACTED}`);
  return result.replace(
    SECRET_PAIR,
    (
      match,
      quote: string,
      key: string,
      separator: string,
      double?: string,
      single?: string,
      bare?: string,
    ) => {
      const value = double ?? single ?? bare ?? '';
      if (value === '' || value.startsWith(REDACTED.slice(0, -1))) return match;
      const kept = `${quote}${key}${quote}${separator}`;
      if (double !== undefined) return `${kept}"${REDACTED}"`;
      if (single !== undefined) return `${kept}'${REDACTED}'`;
      return `${kept}${REDACTED}`;
    },
  );
}
