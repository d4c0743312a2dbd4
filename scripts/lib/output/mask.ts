/** The variables whose values are secrets: never printed, logged, snapshotted or committed. */
export const SECRET_VARIABLES = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'HONEYCOMB_API_KEY', 'ROLLBAR_ACCESS_TOKEN'] as const;

/** Shorter values are masked whole: a prefix and suffix would give most of them away. */
const MIN_LENGTH_TO_HINT = 12;

/**
 * A recognisable but useless form of a secret: a key prefix such as `hcaik_` (when present) and the
 * last 4 characters, e.g. `hcaik_…7f3a`. Enough to tell two keys apart, not to use one.
 */
export function maskSecret(value: string): string {
  if (value.length < MIN_LENGTH_TO_HINT) return '…';
  const prefix = /^[a-z]{2,8}_/i.exec(value)?.[0] ?? '';
  return `${prefix}…${value.slice(-4)}`;
}

export function secretValues(env: NodeJS.ProcessEnv): string[] {
  return SECRET_VARIABLES.map((name) => env[name]?.trim() ?? '').filter((value) => value.length > 0);
}

/** Replaces every occurrence of every secret in a text by its masked form; longest first. */
export function createMasker(secrets: readonly string[]): (text: string) => string {
  const sorted = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return (text) => text;
  return (text) => sorted.reduce((masked, secret) => masked.split(secret).join(maskSecret(secret)), text);
}
