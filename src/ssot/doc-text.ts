/**
 * A `doc /* … *\/` body as one line of prose. SysML keeps the comment's layout (line breaks and the
 * conventional leading `*` of continuation lines), which would leak into prompts and diagrams.
 */
export function docText(doc: string | undefined): string {
  if (doc === undefined) return '';
  return doc
    .replace(/^\s*\/\*+/, '')
    .replace(/\*+\/\s*$/, '')
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*\*+(?!\/)/, ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The last segment of a qualified name: `HFO_SSOT::Observer` → `Observer`. */
export function simpleName(qualifiedName: string): string {
  const segments = qualifiedName.split('::');
  return segments[segments.length - 1] ?? qualifiedName;
}
