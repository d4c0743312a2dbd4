/**
 * The `local` profile of docker-compose.yml, read by an independent parser (Debian's docker-compose):
 * the inspector publishes the daemon's and the OTLP ports, and the backend is wired to it exactly as
 * the native local stack wires it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parseToolkitConfig } from '../config/parse.js';
import { LOCAL_ROLLBAR_TOKEN, localBackendEnv } from './local/env.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Service {
  profiles?: string[];
  environment?: Record<string, string>;
  /** docker-compose 1.29 prints ports with a host IP in the short form, `127.0.0.1:4318:4318/tcp`. */
  ports?: Array<{ target: number; published: number | string; protocol?: string } | string>;
  command?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  /** docker-compose 1.29 prints the short form, `name:/path:rw`. */
  volumes?: string[];
}

function localProfile(): Record<string, Service> {
  // No variables at all: the offline profile must not need a single cloud setting.
  const result = spawnSync('docker-compose', ['-f', 'docker-compose.yml', '--profile', 'local', 'config'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  if (result.error)
    throw new Error(
      `docker-compose is not installed (${result.error.message}) — fix: apt-get install -y docker-compose`,
    );
  assert.equal(result.status, 0, result.stderr);
  const services = (parseYaml(result.stdout) as { services: Record<string, Service> }).services;
  return Object.fromEntries(Object.entries(services).filter(([, service]) => service.profiles?.includes('local')));
}

test('the local profile runs the inspector and a backend wired to it', () => {
  const services = localProfile();
  assert.deepEqual(Object.keys(services).sort(), ['backend-local', 'inspector']);
  const ports = (services.inspector!.ports ?? [])
    .map((p) => (typeof p === 'string' ? p : `${p.published}:${p.target}/${p.protocol ?? 'tcp'}`))
    .sort();
  assert.deepEqual(
    ports,
    ['127.0.0.1:2000:2000/tcp', '127.0.0.1:2000:2000/udp', '127.0.0.1:4318:4318/tcp'],
    'published on loopback only',
  );
  // Only because nobody else reaches the port may the inspector let its peer (the port proxy) clear the traces.
  assert.deepEqual(services.inspector!.command, ['--host', '0.0.0.0', '--allow-remote-clear']);
  assert.deepEqual(
    services.inspector!.volumes?.map((v) => v.split(':').slice(0, 2).join(':')),
    ['inspector-data:/data'],
    'a named volume keeps the store across restarts',
  );
  assert.match(services.inspector!.healthcheck?.test.join(' ') ?? '', /127\.0\.0\.1:4318\/healthz/);
  assert.deepEqual(services['backend-local']!.depends_on, { inspector: { condition: 'service_healthy' } });
});

test('the containerised backend gets the same telemetry wiring as the native local stack', () => {
  const compose = localProfile()['backend-local']!.environment!;
  const native = localBackendEnv(parseToolkitConfig({ env: {} }));
  const wiring = ['OTEL_EXPORTER_OTLP_PROTOCOL', 'OTEL_BSP_SCHEDULE_DELAY', 'ROLLBAR_ACCESS_TOKEN'] as const;
  for (const name of wiring) assert.equal(compose[name], native[name], name);
  assert.equal(compose.ROLLBAR_ACCESS_TOKEN, LOCAL_ROLLBAR_TOKEN);
  // Same ports, the service name instead of loopback.
  assert.equal(compose.AWS_XRAY_DAEMON_ADDRESS, native.AWS_XRAY_DAEMON_ADDRESS!.replace('127.0.0.1', 'inspector'));
  assert.equal(
    compose.OTEL_EXPORTER_OTLP_ENDPOINT,
    native.OTEL_EXPORTER_OTLP_ENDPOINT!.replace('127.0.0.1', 'inspector'),
  );
  assert.equal(compose.ROLLBAR_ENDPOINT, native.ROLLBAR_ENDPOINT!.replace('127.0.0.1', 'inspector'));
  assert.equal(compose.PORT, native.PORT);
});
