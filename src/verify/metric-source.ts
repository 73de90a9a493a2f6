/**
 * Metric sources the gate accepts without a file: the producers' own tools. Offline, the gate cannot
 * re-run a command, so a metric is taken as grounded when its source is a workspace file or one of
 * these names — a deliberately simple rule: a metric that names no checkable origin is unresolved.
 */
export const KNOWN_METRIC_SOURCES = ['workspace-scan', 'git'] as const;

/** Prefixes of sources that name a command, e.g. `command: npm test` or `$ wc -l src/app.ts`. */
const COMMAND_PREFIXES = ['command:', '$ '] as const;

/**
 * Whether `source` names a known tool: one of {@link KNOWN_METRIC_SOURCES} (alone or followed by
 * ` ` or `:` and details, e.g. `git log`), a command (`command: …`, `$ …`), or one of `extra`.
 */
export function isKnownMetricSource(source: string, extra: readonly string[] = []): boolean {
  const trimmed = source.trim();
  if (extra.includes(trimmed)) return true;
  if (COMMAND_PREFIXES.some((prefix) => trimmed.startsWith(prefix) && trimmed.length > prefix.length)) {
    return true;
  }
  return KNOWN_METRIC_SOURCES.some(
    (known) => trimmed === known || trimmed.startsWith(`${known} `) || trimmed.startsWith(`${known}:`),
  );
}
