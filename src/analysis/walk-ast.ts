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
  const stack: [Node, Node | undefined][] = [[root, undefined]];
  while (stack.length > 0) {
    const [node, parent] = stack.pop() as [Node, Node | undefined];
    visit(node, parent);
    const children: Node[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (SKIPPED_KEYS.has(key)) continue;
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item);
      } else if (isNode(value)) {
        children.push(value);
      }
    }
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push([children[index] as Node, node]);
  }
}

/** The first line of a node (1-based). */
export function lineOf(node: Node): number {
  return node.loc?.start.line ?? 1;
}
