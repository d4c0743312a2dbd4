/**
 * What the rest of the toolkit may use of the inspector: the shapes of its HTTP API answers, the
 * X-Ray segment tree (verify-traces builds the same tree from X-Ray's own documents), and the
 * terminal rendering `npm run traces` prints. This is `@cruddur/inspector`; the package's other
 * entries are `/server` (start one, for tests and fakes), `/receivers` (the protocol handlers the
 * test fakes reuse), `/otlp` (the OTLP decoder) and `/testing`.
 * Everything else is internal: the lint rules keep the repository to these entries.
 */
export type { TraceNode, TraceSummary, TraceView } from './query/types.js';
export type { StoredItem } from './store/types.js';
export { xrayTree } from './query/tree.js';
export { renderTraceText } from './query/text.js';
