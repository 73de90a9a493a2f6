import type { Node } from 'oxc-parser';

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/**
 * Visits every node below `root` depth-first with its parent, children in the order of their keys
 * (source order). Generic over the ESTree node shapes (no visitor keys table needed: the parser's
 * nodes are plain JSON, positions are numbers), iterative so deeply nested generated code cannot
 * overflow the stack.
 */
export function walkAst(root: Node, visit: (node: Node, parent: Node | undefined) => void): void {
  // Two parallel stacks (no tuple per node). A node's children are pushed in key order, then that
  // run of the stack is reversed so they pop in key order.
  const nodes: Node[] = [root];
  const parents: (Node | undefined)[] = [undefined];
  while (nodes.length > 0) {
    const node = nodes.pop() as Node;
    visit(node, parents.pop());
    const first = nodes.length;
    const record = node as unknown as Record<string, unknown>;
    for (const key in record) {
      const value = record[key];
      if (typeof value !== 'object' || value === null) continue;
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
