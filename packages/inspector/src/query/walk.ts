import type { InspectedNode } from './types.js';

/** Every node of the trees, parents before children. */
export function walk(nodes: readonly InspectedNode[]): InspectedNode[] {
  return nodes.flatMap((node) => [node, ...walk(node.children)]);
}
