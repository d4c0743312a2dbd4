/**
 * What the rest of the toolkit may use of the inspector: the shapes of its HTTP API answers, the
 * X-Ray segment tree (verify-traces builds the same tree from X-Ray's own documents), and the
 * terminal rendering `npm run traces` prints. Everything else under `scripts/inspector/` is its
 * internals; the lint rules keep script libraries and tasks to this module.
 */
export type { TraceNode, TraceSummary, TraceView } from './query/types.js';
export type { StoredItem } from './store/types.js';
export { xrayTree } from './query/tree.js';
export { renderTraceText } from './query/text.js';
