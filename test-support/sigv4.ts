/**
 * Verifies an AWS Signature Version 4 the way AWS does, from the raw request: the credential scope
 * names a known key, the region and service the verifier stands for; the payload hash is recomputed
 * from the body received; the signature is recomputed with the AWS SDK's own signer
 * (`@smithy/signature-v4`, SHA-256 from `@smithy/core/checksum`) over exactly the signed headers, at the
 * request's `X-Amz-Date`, and must equal the one sent. A tampered body, another secret, region or
 * service all fail.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';

export interface RawRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type SigV4Verdict =
  | { ok: true; accessKeyId: string; region: string; service: string; signedHeaders: string[] }
  | { ok: false; status: number; type: string; message: string };

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

const refuse = (type: string, message: string, status = 403): SigV4Verdict => ({ ok: false, status, type, message });

/** `20260301T120000Z` → Date. */
function amzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return match
    ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!))
    : undefined;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

export async function verifySigV4(
  request: RawRequest,
  expect: { region: string; service: string; secrets: Readonly<Record<string, string>> },
): Promise<SigV4Verdict> {
  const authorization = header(request.headers, 'authorization');
  const match = authorization ? AUTHORIZATION.exec(authorization) : null;
  if (!match) return refuse('MissingAuthenticationTokenException', 'Missing or malformed Authorization (SigV4) header');
  const [, accessKeyId, scopeDate, region, service, signedHeaderList, signature] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const secret = expect.secrets[accessKeyId];
  if (secret === undefined)
    return refuse('UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (service !== expect.service)
    return refuse('InvalidSignatureException', `Credential should be scoped to correct service: '${expect.service}'.`);
  if (region !== expect.region)
    return refuse('InvalidSignatureException', `Credential should be scoped to a valid region, not '${region}'.`);
  const date = amzDate(header(request.headers, 'x-amz-date') ?? '');
  if (!date || !date.toISOString().replace(/-/g, '').startsWith(scopeDate))
    return refuse('InvalidSignatureException', 'X-Amz-Date is missing or does not match the credential scope');
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host')) return refuse('InvalidSignatureException', 'host must be signed');

  const url = new URL(request.url, 'http://placeholder');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = header(request.headers, name);
    if (value === undefined) return refuse('InvalidSignatureException', `signed header ${name} is missing`);
    headers[name] = value;
  }
  // AWS hashes the body it received: a body changed on the way no longer matches the signed hash.
  if (headers['x-amz-content-sha256'] !== undefined)
    headers['x-amz-content-sha256'] = createHash('sha256').update(request.body).digest('hex');
  const signer = new SignatureV4({
    service: expect.service,
    region: expect.region,
    credentials: { accessKeyId, secretAccessKey: secret },
    sha256: Sha256,
    uriEscapePath: true,
    applyChecksum: true,
  });
  const [hostname, port] = (headers['host'] ?? '').split(':');
  const recomputed = await signer.sign(
    {
      method: request.method,
      protocol: 'https:',
      hostname: hostname!,
      ...(port && { port: Number(port) }),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: request.body,
    },
    { signingDate: date },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(recomputed.headers['authorization'] ?? '')?.[1];
  if (expected !== signature)
    return refuse(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided.',
    );
  return { ok: true, accessKeyId, region, service, signedHeaders };
}
