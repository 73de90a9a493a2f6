/** What a secret is replaced with. */
export const REDACTED = '[REDACTED]';

/** Environment variables whose values are secrets, by name. */
const SECRET_ENV_NAME = /_(?:KEY|TOKEN|SECRET|PASSWORD)$/i;
/** Shorter values (`1`, `true`, `dev`) would redact ordinary words everywhere. */
const MIN_ENV_SECRET_LENGTH = 8;
/** Object keys whose string values are secrets whatever they look like. */
const SECRET_KEY_NAME = /(?:^|_|-)(?:password|passwd|secret|token|api_?key|access_?key)$/i;

/**
 * Known credential shapes. Each starts at a word boundary so that words such as `risk-assessment`
 * do not look like `sk-` keys, and requires enough characters to be a real credential.
 */
const SECRET_PATTERNS: readonly RegExp[] = [
  /(?<![A-Za-z0-9_-])sk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}/g,
  /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{30,}/g,
  /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,}/g,
  /(?<![A-Za-z0-9_-])xox[abposr]-[A-Za-z0-9-]{10,}/g,
  /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])/g,
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  /\bBearer\s+[A-Za-z0-9._~+/-]{8,}=*/g,
];

/** `password=…`, `token=…` and friends: the key stays readable, the value goes. */
const SECRET_PAIR =
  /\b((?:password|passwd|pwd|token|access_token|secret|api_?key)\s*=\s*)("?)[^\s"'&;,]+\2/gi;

/**
 * A deep copy of `value` with secret-looking strings replaced by `[REDACTED]`: known API key shapes
 * (`sk-…`, `sk-ant-…`, `ghp_…`, `github_pat_…`, `xoxb-…`, `AKIA…`, `Bearer …`, JWTs),
 * `password=…`/`token=…` pairs, string values under keys such as `password` or `api_key`, and every
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
  return result.replace(SECRET_PAIR, (_match, key: string) => `${key}${REDACTED}`);
}
