import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APP_WITHOUT_TELEMETRY, startBackendProcess } from '../../test-support/backend-process.js';
import { buildRequest, openSocket, parseResponse, readUntilClose } from '../../test-support/raw-http.js';
import { waitFor } from '../../test-support/wait.js';

test('SIGTERM during a slow request lets it finish, refuses new connections, then exits 0', async () => {
  const backend = await startBackendProcess({ entry: APP_WITHOUT_TELEMETRY });
  const port = Number(new URL(backend.url).port);

  // A slow client: the headers and half the body now, the rest after the signal.
  const request = buildRequest('POST', '/api/activities', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'in flight', ttl: '1-hour' }),
  });
  const split = request.length - 10;
  const socket = await openSocket(port);
  const response = readUntilClose(socket);
  socket.write(request.subarray(0, split));

  backend.child.kill('SIGTERM');
  await waitFor(
    'the shutdown to begin',
    async () => backend.output().includes('SIGTERM: finishing in-flight requests') || undefined,
  );
  // The line is printed just before the listener closes, so poll: a connection that still got in is closed again.
  await waitFor('new connections to be refused', async () => {
    const refused = await openSocket(port).then(
      (socket) => void socket.destroy(),
      (err: NodeJS.ErrnoException) => err.code === 'ECONNREFUSED',
    );
    return refused || undefined;
  });
  assert.equal(backend.child.exitCode, null, 'the process waits for the in-flight request');

  socket.write(request.subarray(split));
  const answer = parseResponse(await response);
  assert.equal(answer.status, 200);
  assert.equal(JSON.parse(answer.body).message, 'in flight');
  assert.deepEqual(await backend.exited, { code: 0, signal: null });
});

test('SIGINT with no request in flight exits 0 at once', async () => {
  const backend = await startBackendProcess({ entry: APP_WITHOUT_TELEMETRY });
  backend.child.kill('SIGINT');
  assert.deepEqual(await backend.exited, { code: 0, signal: null }, backend.output());
  assert.match(backend.output(), /SIGINT: finishing in-flight requests[\s\S]*stopped/);
});

test('an invalid PORT stops the process with one line naming the variable and the fix', async () => {
  await assert.rejects(startBackendProcess({ entry: APP_WITHOUT_TELEMETRY, env: { PORT: 'eighty' } }), (err: Error) => {
    assert.match(err.message, /exited \(1\)/);
    assert.match(
      err.message,
      /PORT="eighty" is not valid: expected a whole number from 0 to 65535.*Fix it in \.env or your shell/,
    );
    return true;
  });
});
