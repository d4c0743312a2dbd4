import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startFakeHoneycomb, type FakeHoneycomb } from '../../test-support/fakes/honeycomb-auth.js';
import { freePort } from '../../test-support/free-port.js';
import { ToolkitError } from './errors.js';
import { fetchHoneycombAuth, honeycombTraceLinkFor } from './honeycomb.js';

const ENV_KEY = 'hcaik_01EXAMPLEj0fakefakefakefakefakefakefakefakefakefakefake7f3a';
const CLASSIC_KEY = '0123456789abcdef0123456789abcdef';
const NO_EVENTS_KEY = 'hcaik_01EXAMPLEj0nosendnosendnosendnosendnosendnosendnosend0000';

describe('fetchHoneycombAuth against a local /1/auth', () => {
  let honeycomb: FakeHoneycomb;
  before(async () => {
    honeycomb = await startFakeHoneycomb({
      [ENV_KEY]: { environment: { name: 'Dev', slug: 'dev' } },
      [CLASSIC_KEY]: {},
      [NO_EVENTS_KEY]: { environment: { name: 'Dev', slug: 'dev' }, access: { events: false } },
    });
  });
  after(() => honeycomb.stop());

  test('an environment key gives team, environment and its access', async () => {
    const auth = await fetchHoneycombAuth({ apiKey: ENV_KEY, endpoint: honeycomb.url });
    assert.deepEqual(auth.team, { name: 'Cruddur Team', slug: 'cruddur-team' });
    assert.deepEqual(auth.environment, { name: 'Dev', slug: 'dev' });
    assert.equal(auth.apiKeyAccess.events, true);
    assert.equal(auth.keyKind, 'environment');
    assert.ok(honeycomb.requests.at(-1)?.headerNames.includes('x-honeycomb-team'));
  });

  test('a classic key has no environment', async () => {
    const auth = await fetchHoneycombAuth({ apiKey: CLASSIC_KEY, endpoint: honeycomb.url });
    assert.equal(auth.environment, undefined);
    assert.equal(auth.keyKind, 'classic');
  });

  test('a key without events permission says so', async () => {
    assert.equal(
      (await fetchHoneycombAuth({ apiKey: NO_EVENTS_KEY, endpoint: honeycomb.url })).apiKeyAccess.events,
      false,
    );
  });

  test('a bad key is refused with the key masked and the fix named', async () => {
    const bad = 'hcaik_01EXAMPLEj0badbadbadbadbadbadbadbadbadbadbadbadbadbad9999';
    await assert.rejects(fetchHoneycombAuth({ apiKey: bad, endpoint: honeycomb.url }), (err: unknown) => {
      assert.ok(err instanceof ToolkitError);
      assert.match(err.problem, /rejected HONEYCOMB_API_KEY hcaik_…9999 .*HTTP 401/);
      assert.match(err.fix, /api\.eu1\.honeycomb\.io/);
      assert.ok(!err.message.includes(bad));
      return true;
    });
  });

  test('an unreachable endpoint names the network', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    await assert.rejects(
      fetchHoneycombAuth({ apiKey: ENV_KEY, endpoint: closed }),
      /cannot reach Honeycomb .*ECONNREFUSED.*check your network/,
    );
  });

  test('an endpoint that is not Honeycomb is named', async () => {
    await assert.rejects(fetchHoneycombAuth({ apiKey: ENV_KEY, endpoint: `${honeycomb.url}/elsewhere` }), /HTTP 404/);
  });
});

test('a trace link takes the team and environment /1/auth named, from either trace-id spelling', () => {
  const auth = { team: { name: 'T', slug: 'cruddur-team' }, environment: { name: 'Dev', slug: 'dev' } };
  const link = {
    endpoint: 'https://api.eu1.honeycomb.io',
    dataset: 'backend-flask',
    startedAt: new Date(1_700_000_000_500),
  };
  const expected =
    'https://ui.eu1.honeycomb.io/cruddur-team/environments/dev/datasets/backend-flask/trace?trace_id=5f8a1b2c0123456789abcdef01234567&trace_start_ts=1700000000';
  assert.equal(honeycombTraceLinkFor(auth, { ...link, traceId: '1-5f8a1b2c-0123456789abcdef01234567' }), expected);
  assert.equal(honeycombTraceLinkFor(auth, { ...link, traceId: '5f8a1b2c0123456789abcdef01234567' }), expected);
  assert.throws(() => honeycombTraceLinkFor(auth, { ...link, traceId: 'nope' }), /not a trace id/);
});
