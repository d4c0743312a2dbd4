/** The scripts' masking of secret values in their output; what a masked secret looks like is the trace contract's. */
import { maskSecret, SECRET_NAMES } from '@cruddur/trace-contract';

export function secretValues(env: NodeJS.ProcessEnv): string[] {
  return [...SECRET_NAMES].map((name) => env[name]?.trim() ?? '').filter((value) => value.length > 0);
}

/** Replaces every occurrence of every secret in a text by its masked form; longest first. */
export function createMasker(secrets: readonly string[]): (text: string) => string {
  const sorted = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return (text) => text;
  return (text) => sorted.reduce((masked, secret) => masked.split(secret).join(maskSecret(secret)), text);
}
