/** The trace contract: the one place each piece of protocol knowledge lives. */
export * from './console-links.js';
export * from './defaults.js';
export * from './diagnostics.js';
export * from './failure-line.js';
export * from './honeycomb.js';
export * from './local-state.js';
export * from './secrets.js';
export * from './task-report.js';
export * from './trace-headers.js';
export * from './trace-id.js';
export * from './variables.js';
export * from './xray-daemon.js';
