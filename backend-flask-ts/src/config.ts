import { DEFAULTS } from '@cruddur/trace-contract';

/** The backend's settings, read from the environment by a pure function so tests can pass any env. */
export interface BackendConfig {
  port: number;
  corsOrigins: string[];
}

export const DEFAULT_PORT = DEFAULTS.backendPort;

/** A setting that cannot be used as given. Its message names the variable, the value and the fix. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function invalidSettingMessage(name: string, value: string, allowed: string): string {
  return `${name}=${JSON.stringify(value)} is not valid: expected ${allowed}. Fix it in .env or your shell, then restart.`;
}

export function parsePort(env: NodeJS.ProcessEnv): number {
  const raw = env.PORT?.trim();
  if (!raw) return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65_535) {
    throw new ConfigError(invalidSettingMessage('PORT', raw, 'a whole number from 0 to 65535 (0 picks a free port)'));
  }
  return port;
}

/** `FRONTEND_URL` and `BACKEND_URL` as origins (`https://host:port`, no path); `*` allows any. */
export function parseCorsOrigins(env: NodeJS.ProcessEnv): string[] {
  const origins: string[] = [];
  for (const name of ['FRONTEND_URL', 'BACKEND_URL'] as const) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    if (raw === '*') {
      origins.push('*');
      continue;
    }
    try {
      origins.push(new URL(raw).origin);
    } catch {
      throw new ConfigError(invalidSettingMessage(name, raw, 'a URL such as http://localhost:3000, or *'));
    }
  }
  return origins;
}

export function parseBackendConfig(env: NodeJS.ProcessEnv): BackendConfig {
  return Object.freeze({ port: parsePort(env), corsOrigins: parseCorsOrigins(env) });
}
