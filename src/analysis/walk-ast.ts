import type { Node } from '@babel/types';

/** Babel's position bookkeeping and comments: walking them finds no code. */
const SKIPPED_KEYS = new Set([
  'loc',
  'start',
  'end',
  'extra',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'range',
]);

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/**
 * Visits every node below `root` depth-first with its parent. Generic over Babel's node shapes
 * (no visitor keys table needed), iterative so deeply nested generated code cannot overflow the stack.
 */
export function walkAst(root: Node, visit: (node: Node, parent: Node | undefined) => void): void {
  // Two parallel stacks (no tuple per node). A node's children are pushed in key order, then that
  // run of the stack is reversed so they pop in key order. Own keys only: Babel's node prototype
  // holds nothing but a `__clone` method, which is no child.
  const nodes: Node[] = [root];
  const parents: (Node | undefined)[] = [undefined];
  while (nodes.length > 0) {
    const node = nodes.pop() as Node;
    visit(node, parents.pop());
    const first = nodes.length;
    const record = node as unknown as Record<string, unknown>;
    const keys = Object.keys(record);
    for (let at = 0; at < keys.length; at += 1) {
      const key = keys[at] as string;
      if (SKIPPED_KEYS.has(key)) continue;
      const value = record[key];
      if (Array.isArray(value)) {
        for (let item = 0; item < value.length; item += 1) {
          const child: unknown = value[item];
          if (isNode(child)) {
            nodes.push(child);
            parents.push(node);
          }
        }
      } else if (isNode(value)) {
        nodes.push(value);
        parents.push(node);
      }
    }
    // Every parent in the run is `node`: only the nodes need reversing.
    for (let left = first, right = nodes.length - 1; left < right; left += 1, right -= 1) {
      const swap = nodes[left] as Node;
      nodes[left] = nodes[right] as Node;
      nodes[right] = swap;
    }
  }
}

/** The first line of a node (1-based). */
export function lineOf(node: Node): number {
  return node.loc?.start.line ?? 1;
}
