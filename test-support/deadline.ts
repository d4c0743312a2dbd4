/**
 * How long a test waits for something it is sure will happen (a process printing "listening", a span
 * arriving): readiness is awaited, never guessed, so this only bounds how long a broken test takes to
 * fail. Generous on purpose: a fresh clone must pass on a 2-core machine with other work beside it,
 * where a backend compiled by tsx takes 20 s or more to listen. `CRUDDUR_TEST_DEADLINE_MS` overrides it.
 */
const fromEnv = Number(process.env.CRUDDUR_TEST_DEADLINE_MS);

export const TEST_DEADLINE_MS = Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 180_000;
