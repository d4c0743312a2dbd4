/**
 * How a secret may be shown: a recognisable but useless form, a key prefix such as `hcaik_` (when
 * present) and the last 4 characters, e.g. `hcaik_…7f3a`. Enough to tell two keys apart (the
 * backend's diagnostics and the scripts compare these fingerprints), not to use one.
 */

/** Shorter values are masked whole: a prefix and suffix would give most of them away. */
const MIN_LENGTH_TO_HINT = 12;

export function maskSecret(value: string): string {
  if (value.length < MIN_LENGTH_TO_HINT) return '…';
  const prefix = /^[a-z]{2,8}_/i.exec(value)?.[0] ?? '';
  return `${prefix}…${value.slice(-4)}`;
}
