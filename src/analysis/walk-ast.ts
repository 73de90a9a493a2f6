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
  // Two parallel stacks (no tuple per node); children are pushed in reverse so they are visited in key order.
  const nodes: Node[] = [root];
  const parents: (Node | undefined)[] = [undefined];
  const children: Node[] = [];
  while (nodes.length > 0) {
    const node = nodes.pop() as Node;
    visit(node, parents.pop());
    children.length = 0;
    const record = node as unknown as Record<string, unknown>;
    for (const key in record) {
      if (SKIPPED_KEYS.has(key)) continue;
      const value = record[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item);
      } else if (isNode(value)) {
        children.push(value);
      }
    }
    for (let index = children.length - 1; index >= 0; index -= 1) {
      nodes.push(children[index] as Node);
      parents.push(node);
    }
  }
}

/** The first line of a node (1-based). */
export function lineOf(node: Node): number {
  return node.loc?.start.line ?? 1;
}
