/**
 * A TypeScript string literal as Biome formats it (the project's `quoteStyle: single`): single
 * quotes unless the text holds more single than double quotes, so generated files are already
 * formatted and their content hashes survive `biome format`.
 */
export function tsString(text: string): string {
  const singles = (text.match(/'/g) ?? []).length;
  const doubles = (text.match(/"/g) ?? []).length;
  const quote = singles > doubles ? '"' : "'";
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(new RegExp(quote, 'g'), `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

/** `SecurityReviewerAgent` → `securityReviewerAgent`. */
export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** `security_reviewer` or `SecurityReviewer` → `SecurityReviewer`. */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** `SecurityReviewerAgent` → `security-reviewer-agent` (the project's file naming). */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/** The project's Biome line width. */
export const LINE_WIDTH = 110;

/**
 * An object property line as Biome prints it: on one line when it fits or the key is short (at
 * most 4 characters, Biome's short-key rule), else broken after the colon.
 */
export function tsProperty(indent: string, key: string, value: string): string {
  const line = `${indent}${key}: ${value},`;
  if (line.length <= LINE_WIDTH || key.length <= 4 || value.includes('\n')) return line;
  return `${indent}${key}:\n${indent}  ${value},`;
}

/**
 * A string array as Biome prints it after `prefix` and before `suffix` on one line: inline when
 * the whole line fits, else one element per line, indented under `indent`.
 */
export function tsStringArray(
  items: readonly string[],
  indent: string,
  prefix: string,
  suffix: string,
): string {
  const inline = `[${items.map(tsString).join(', ')}]`;
  if (`${prefix}${inline}${suffix}`.length <= LINE_WIDTH) return inline;
  return `[\n${items.map((item) => `${indent}  ${tsString(item)},`).join('\n')}\n${indent}]`;
}
