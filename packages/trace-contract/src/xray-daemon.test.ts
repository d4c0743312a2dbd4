import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeXrayDatagram, parseDaemonAddress, parseXrayDatagram, type XraySegment } from './xray-daemon.js';

const SEGMENT: XraySegment = {
  name: 'backend-flask',
  id: '70de5b6f19ff9a0a',
  trace_id: '1-581cf771-a006649127e371903a2de979',
  start_time: 1478293361.271,
  end_time: 1478293361.449,
};

test('a datagram is the JSON header line, a newline and the segment', () => {
  const datagram = encodeXrayDatagram(SEGMENT);
  assert.equal(datagram.toString().split('\n')[0], '{"format":"json","version":1}');
  assert.deepEqual(parseXrayDatagram(datagram), SEGMENT);
});

test('parseXrayDatagram refuses what the daemon would drop', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['no header', JSON.stringify(SEGMENT), /no header line/],
    ['a wrong header', `{"format":"xml","version":1}\n${JSON.stringify(SEGMENT)}`, /unexpected header/],
    [
      'no trace id',
      `{"format":"json","version":1}\n${JSON.stringify({ ...SEGMENT, trace_id: undefined })}`,
      /no "trace_id"/,
    ],
    [
      'no start time',
      `{"format":"json","version":1}\n${JSON.stringify({ ...SEGMENT, start_time: 'now' })}`,
      /no "start_time"/,
    ],
    ['over 64 KB', `{"format":"json","version":1}\n${'x'.repeat(70_000)}`, /over the 64 KB limit/],
  ];
  for (const [name, text, error] of cases) assert.throws(() => parseXrayDatagram(Buffer.from(text)), error, name);
});

test('daemon addresses: host:port for both protocols, or udp: and tcp: in either order', () => {
  const rows: Array<[string, ReturnType<typeof parseDaemonAddress>]> = [
    ['127.0.0.1:2000', { udp: { host: '127.0.0.1', port: 2000 }, tcp: { host: '127.0.0.1', port: 2000 } }],
    ['xray-daemon:2000', { udp: { host: 'xray-daemon', port: 2000 }, tcp: { host: 'xray-daemon', port: 2000 } }],
    ['tcp:a:2001 udp:b:2000', { udp: { host: 'b', port: 2000 }, tcp: { host: 'a', port: 2001 } }],
    ['udp:b:2000  tcp:a:2001', { udp: { host: 'b', port: 2000 }, tcp: { host: 'a', port: 2001 } }],
    ['127.0.0.1', undefined],
    ['127.0.0.1:0', undefined],
    ['127.0.0.1:65536', undefined],
    ['udp:a:1 udp:b:2', undefined],
    ['udp:a:1', undefined],
    ['a:1 b:2', undefined],
    ['udp:a:1 tcp:b:2 tcp:c:3', undefined],
  ];
  for (const [raw, expected] of rows) assert.deepEqual(parseDaemonAddress(raw), expected, raw);
});
