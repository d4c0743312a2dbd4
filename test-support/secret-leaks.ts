/**
 * The configured secret values, looked for in everything the backend emitted: each UDP datagram as
 * sent, each OTLP export (spans and request headers; `x-honeycomb-team` is where the key belongs),
 * each Rollbar item's data (the token belongs only in its header) and the process's own output.
 */
import { FAKE_HONEYCOMB_KEY, FAKE_ROLLBAR_TOKEN, type TracedBackend } from './traced-backend.js';

const SECRETS = [FAKE_HONEYCOMB_KEY, FAKE_ROLLBAR_TOKEN];

/** Span times are bigints, which JSON cannot hold. */
const toJson = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v));

/** Where a secret was found, one line per place; empty when none was. */
export function secretLeaks(t: TracedBackend): string[] {
  const places: Array<[string, string]> = [
    ...t.xray.datagrams.map((d, i): [string, string] => [`X-Ray datagram ${i}`, d.toString('utf8')]),
    ...t.otlp.exports.map((e, i): [string, string] => {
      const { 'x-honeycomb-team': _key, ...headers } = e.headers;
      return [`OTLP export ${i}`, toJson({ headers, spans: e.spans })];
    }),
    ...t.rollbar.items.map((item, i): [string, string] => [`Rollbar item ${i}`, toJson(item.data)]),
    ['the backend output', t.backend.output()],
  ];
  return places.flatMap(([place, text]) =>
    SECRETS.filter((s) => text.includes(s)).map((s) => `${s.slice(0, 8)}… in ${place}`),
  );
}
