/**
 * `docker-compose.yml` read by an independent parser — Debian's `docker-compose` (1.29, Python),
 * `apt-get install -y docker-compose` — then checked for what the toolkit relies on.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { SECRET_NAMES } from '@cruddur/trace-contract';
import { COMPOSE_PROFILE, COMPOSE_SERVICES } from './compose.js';

interface Service {
  command?: string[];
  environment?: Record<string, string>;
  ports?: Array<{ target: number; published: number | string; protocol?: string }>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
}

function composeConfig(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  if (result.error)
    throw new Error(
      `docker-compose is not installed (${result.error.message}) — fix: apt-get install -y docker-compose`,
    );
  return result;
}

describe('docker-compose.yml, as docker-compose config reads it', () => {
  const result = composeConfig({
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'AKIAFAKE',
    AWS_SECRET_ACCESS_KEY: 'fake-secret-value-0001',
  });
  const config = () => parseYaml(result.stdout) as { services: Record<string, Service> };

  test('is valid', () => assert.equal(result.status, 0, result.stderr));

  test('its cloud profile holds exactly the services npm run up waits for, and only them', () => {
    const cloud = Object.entries(config().services).filter(([, service]) =>
      service.profiles?.includes(COMPOSE_PROFILE),
    );
    assert.deepEqual(cloud.map(([name]) => name).sort(), [...COMPOSE_SERVICES].sort());
    for (const [name, service] of cloud)
      assert.deepEqual(service.profiles, [COMPOSE_PROFILE], `${name} must not start in another profile (2000/udp)`);
  });

  test('the daemon really gets -o and the region (the entrypoint already has -t/-b)', () => {
    assert.deepEqual(config().services['xray-daemon']?.command, ['-o', '-n', 'eu-west-2']);
  });

  test('the daemon publishes 2000/udp and 2000/tcp and gets credentials as env', () => {
    const daemon = config().services['xray-daemon']!;
    const ports = (daemon.ports ?? []).map((p) => `${p.published}:${p.target}/${p.protocol ?? 'tcp'}`).sort();
    assert.deepEqual(ports, ['2000:2000/tcp', '2000:2000/udp']);
    assert.equal(daemon.environment?.AWS_ACCESS_KEY_ID, 'AKIAFAKE');
    assert.equal(daemon.environment?.AWS_REGION, 'eu-west-2');
  });

  test('the backend sends to the daemon, is health-checked on /api/health-check and starts after it', () => {
    const backend = config().services['backend-flask-ts']!;
    assert.equal(backend.environment?.AWS_XRAY_DAEMON_ADDRESS, 'xray-daemon:2000');
    assert.equal(backend.healthcheck?.test[0], 'CMD');
    assert.match(backend.healthcheck?.test.join(' ') ?? '', /fetch\('http:\/\/127\.0\.0\.1:4567\/api\/health-check'\)/);
    assert.deepEqual(backend.depends_on, { 'xray-daemon': { condition: 'service_started' } });
    assert.deepEqual(
      backend.ports?.map((p) => p.target),
      [4567],
    );
  });
});

test('docker-compose.yml holds no value of a secret: each comes by name', () => {
  const raw = parseYaml(readFileSync('docker-compose.yml', 'utf8')) as { services: Record<string, Service> };
  for (const [name, service] of Object.entries(raw.services)) {
    for (const [variable, value] of Object.entries(service.environment ?? {})) {
      if (SECRET_NAMES.has(variable))
        assert.equal(value, `\${${variable}:-}`, `${name}.${variable} must be passed by name`);
    }
  }
});

test('the file still interpolates without any AWS variable (a local profile must not need them)', () => {
  const result = composeConfig({});
  assert.equal(result.status, 0, result.stderr);
});
