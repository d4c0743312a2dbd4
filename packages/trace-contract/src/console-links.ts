/** Links into the services' own consoles, for a trace or an item (formats from their docs). */

/** The X-Ray trace view of CloudWatch's console, in one region. */
export function xrayConsoleLink(region: string, traceId: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#xray:traces/${traceId}`;
}

/** Rollbar's page of one occurrence, found by the uuid the item was sent with. */
export function rollbarOccurrenceLink(uuid: string): string {
  return `https://rollbar.com/occurrence/uuid/?uuid=${encodeURIComponent(uuid)}`;
}
