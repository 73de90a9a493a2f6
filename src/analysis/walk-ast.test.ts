import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Node } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { parseSource } from './parse-source.js';
import { walkAst } from './walk-ast.js';

/** The plain definition: depth first, children in key order (every enumerable key), recursive. */
function referenceWalk(node: Node, parent: Node | undefined, seen: [Node, Node | undefined][]): void {
  seen.push([node, parent]);
  const record = node as unknown as Record<string, unknown>;
  for (const key in record) {
    const value = record[key];
    const children = Array.isArray(value) ? value : [value];
    for (const child of children)
      if (typeof child === 'object' && child !== null && typeof (child as Node).type === 'string')
        referenceWalk(child as Node, node, seen);
  }
}

describe('walkAst', () => {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const sources = readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ path: name, text: readFileSync(join(dir, name), 'utf8') }));
  sources.push({
    path: 'x.jsx',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under analysis, not a template.
    text: '#!/usr/bin/env node\n// c\nconst a = <A b={1}>{[1, , 2]}</A>;\nclass B { @d m() { return `x${a}` } }\n',
  });

  it('visits every node with its parent in the order of a recursive walk', () => {
    for (const source of sources) {
      const ast = parseSource(source.path, source.text)?.program;
      if (ast === undefined) throw new Error(`${source.path} does not parse`);
      const expected: [Node, Node | undefined][] = [];
      referenceWalk(ast, undefined, expected);
      const seen: [Node, Node | undefined][] = [];
      walkAst(ast, (node, parent) => {
        seen.push([node, parent]);
      });
      expect(seen.length, source.path).toBe(expected.length);
      seen.forEach(([node, parent], at) => {
        expect(node === expected[at]?.[0] && parent === expected[at]?.[1], `${source.path} #${at}`).toBe(
          true,
        );
      });
    }
  });
});
