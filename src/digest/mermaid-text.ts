/**
 * Text for inside a quoted mermaid label (`["…"]`): quotes and angle brackets become mermaid's
 * entity codes, because lane ids and verdict text come from data and must not break the diagram.
 * A `#` is escaped only where mermaid would read an entity (`#quot;`), so `Verify #1` stays legible.
 */
export function mermaidLabel(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/#(?=[A-Za-z0-9]+;)/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;');
}

/** Text for an unquoted edge label (`-->|…|`): only characters the grammar cannot misread. */
export function mermaidEdgeLabel(text: string): string {
  return text.replace(/[^A-Za-z0-9 ._%,:-]/g, '_').trim() || '_';
}
