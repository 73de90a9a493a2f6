function decode(text: string): string {
  try {
    return decodeURIComponent(text.trim());
  } catch {
    // A lone `%` is a literal percent sign, not a reason to drop the pair.
    return text.trim();
  }
}

/**
 * Parses the W3C-baggage-like lists of `OTEL_RESOURCE_ATTRIBUTES` and `OTEL_EXPORTER_OTLP_HEADERS`:
 * `key1=value1,key2=value2`, percent-decoded; pairs without `=` or with an empty key are skipped.
 */
export function parseOtelKeyValues(text: string | undefined): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const item of (text ?? '').split(',')) {
    const equals = item.indexOf('=');
    if (equals <= 0) continue;
    const key = decode(item.slice(0, equals));
    if (key !== '') pairs[key] = decode(item.slice(equals + 1));
  }
  return pairs;
}
