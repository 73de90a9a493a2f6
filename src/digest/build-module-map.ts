import type { ImportEdge } from '../analysis/index.js';
import { pathRole } from '../analysis/index.js';
import { mermaidLabel } from './mermaid-text.js';

/** Most modules drawn: a map must stay readable; the busiest modules are kept. */
const MAX_MODULES = 16;

/**
 * The module a file belongs to: its folder one level below a source root (`src/router/…` →
 * `src/router`), the file itself when it sits directly in the root (`src/hono.ts`), or its top
 * folder when there is no source root.
 */
export function moduleOf(path: string): string {
  const parts = path.split('/');
  if (parts.length === 1) return path;
  const root = ['src', 'lib', 'source', 'packages', 'app'].includes(parts[0] as string) ? 1 : 0;
  return parts.length - root <= 1 ? path : parts.slice(0, root + 1).join('/');
}

/**
 * A mermaid graph of the main modules and their imports (edge labels count the imports), from the
 * analysis import edges between workspace files; tests, benchmarks and examples are left out. Undefined when the workspace
 * has no imports between modules.
 */
export function buildModuleMap(imports: readonly ImportEdge[]): string | undefined {
  const counts = new Map<string, number>();
  const degree = new Map<string, number>();
  for (const edge of imports) {
    if (pathRole(edge.from) !== 'implementation' || pathRole(edge.to) !== 'implementation') continue;
    const from = moduleOf(edge.from);
    const to = moduleOf(edge.to);
    if (from === to) continue;
    const key = `${from}\u0000${to}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    degree.set(from, (degree.get(from) ?? 0) + 1);
    degree.set(to, (degree.get(to) ?? 0) + 1);
  }
  if (counts.size === 0) return undefined;
  const kept = [...degree]
    .sort((left, right) => right[1] - left[1] || left[0].localeCompare(right[0]))
    .slice(0, MAX_MODULES)
    .map(([name]) => name)
    .sort();
  const ids = new Map(kept.map((name, index) => [name, `m${index + 1}`]));
  const lines = ['graph LR'];
  for (const name of kept) lines.push(`  ${ids.get(name)}["${mermaidLabel(name)}"]`);
  for (const [key, count] of [...counts].sort((left, right) => left[0].localeCompare(right[0]))) {
    const [from = '', to = ''] = key.split('\u0000');
    const fromId = ids.get(from);
    const toId = ids.get(to);
    if (fromId !== undefined && toId !== undefined) lines.push(`  ${fromId} -->|${count}| ${toId}`);
  }
  return lines.join('\n');
}
