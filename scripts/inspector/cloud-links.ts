/**
 * The page's links out, built from the toolkit's cloud settings when they exist: the X-Ray console
 * (an AWS region), Honeycomb (a key; its team and environment come from `/1/auth`), Rollbar (a
 * token). The link formats stay with the modules that own them; they are loaded only when needed,
 * so an inspector without cloud settings never loads the AWS SDK.
 */
import type { ToolkitConfig } from '../lib/config/parse.js';
import type { LinkBuilders } from './web/links.js';

/** A Honeycomb key that cannot be checked costs the link, never the inspector: `note` says why. */
export async function cloudLinks(config: ToolkitConfig, note: (line: string) => void): Promise<LinkBuilders> {
  const builders: LinkBuilders = {};
  if (config.aws.region) {
    const region = config.aws.region;
    const { xrayConsoleLink } = await import('../lib/verify/destinations/xray.js');
    builders.xray = (traceId) => xrayConsoleLink(region, traceId);
  }
  if (config.rollbar) {
    const { rollbarOccurrenceLink } = await import('../lib/verify/destinations/rollbar.js');
    builders.rollbar = rollbarOccurrenceLink;
  }
  if (config.honeycomb) {
    const { fetchHoneycombAuth, honeycombTraceLinkFor } = await import('../lib/honeycomb.js');
    const { endpoint } = config.honeycomb;
    try {
      const auth = await fetchHoneycombAuth(config.honeycomb, 5_000);
      builders.honeycomb = (traceId, startedAt) => honeycombTraceLinkFor(auth, { endpoint, dataset: config.serviceName, traceId, startedAt });
    } catch (err) {
      note(`no Honeycomb links on the page: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return builders;
}
