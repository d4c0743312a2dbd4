/**
 * Test helpers for the inspector's users (the scripts' tests, the bench): a seeded inspector on port 0,
 * fixtures, and Chromium for the page. Development only: `@cruddur/inspector/testing` resolves to
 * this TypeScript source (through the repository's tsconfig paths) and is not part of the image.
 */
export { launchChromium } from './browser.js';
export { largeTrace } from './fixtures.js';
export { FAILED_ID, sendSpans, startSeededInspector, type SeededInspector } from './seeded.js';
