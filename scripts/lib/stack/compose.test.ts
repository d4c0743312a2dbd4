import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ToolkitError } from '../errors.js';
import { assessServices, COMPOSE_SERVICES, parseComposePs } from './compose.js';

const row = (Service: string, State: string, Health = '', ExitCode = 0) => ({ Service, State, Health, ExitCode });

describe('parseComposePs reads both output shapes of docker compose ps --format json', () => {
  test('one object per line (Compose 2.21 and later)', () => {
    const text = `${JSON.stringify(row('xray-daemon', 'running'))}\n${JSON.stringify(row('backend-flask-ts', 'running', 'healthy'))}\n`;
    assert.deepEqual(
      parseComposePs(text).map((s) => `${s.service}:${s.state}:${s.health}`),
      ['xray-daemon:running:', 'backend-flask-ts:running:healthy'],
    );
  });
  test('a JSON array (older Compose v2)', () => {
    assert.equal(parseComposePs(JSON.stringify([row('xray-daemon', 'running')]))[0]?.service, 'xray-daemon');
  });
  test('nothing running', () => assert.deepEqual(parseComposePs('\n'), []));
});

describe('assessServices', () => {
  const rows: Array<[string, ReturnType<typeof row>[], boolean, string[]]> = [
    [
      'both up, backend healthy',
      [row('xray-daemon', 'running'), row('backend-flask-ts', 'running', 'healthy')],
      true,
      [],
    ],
    [
      'backend still starting',
      [row('xray-daemon', 'running'), row('backend-flask-ts', 'running', 'starting')],
      false,
      ['backend-flask-ts (starting)'],
    ],
    [
      'daemon not created yet',
      [row('backend-flask-ts', 'created')],
      false,
      ['backend-flask-ts (created)', 'xray-daemon (not created)'],
    ],
  ];
  for (const [name, states, ready, waitingFor] of rows) {
    test(name, () => {
      const result = assessServices(parseComposePs(states.map((s) => JSON.stringify(s)).join('\n')), COMPOSE_SERVICES);
      assert.equal(result.ready, ready);
      assert.deepEqual([...result.waitingFor].sort(), [...waitingFor].sort());
    });
  }
  test('an exited daemon fails at once and names its logs', () => {
    const states = parseComposePs(
      JSON.stringify([row('xray-daemon', 'exited', '', 2), row('backend-flask-ts', 'running', 'healthy')]),
    );
    assert.throws(
      () => assessServices(states, COMPOSE_SERVICES),
      (err: unknown) =>
        err instanceof ToolkitError &&
        err.problem === 'xray-daemon exited (code 2)' &&
        err.fix === 'see why: docker compose logs xray-daemon',
    );
  });
});
