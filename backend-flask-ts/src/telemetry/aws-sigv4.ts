/**
 * SigV4 for X-Ray's OTLP endpoint and sampling API, with the AWS SDK's own pieces: the signer
 * (`@smithy/signature-v4`), its SHA-256 (`@smithy/core/checksum`) and the default credential chain
 * (`@aws-sdk/credential-provider-node`'s `defaultProvider`: environment, SSO, web identity, shared
 * files, process, container and instance metadata — the chain `fromNodeProviderChain` of
 * `@aws-sdk/credential-providers` wraps; profiles that assume a role get STS from
 * `@aws-sdk/nested-clients`, so that package and its Cognito client are not needed here).
 * Credentials are cached by the chain and refreshed before they expire.
 */
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RequestSigner } from './otlp-exporter.js';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type CredentialSource = () => Promise<AwsCredentials>;

/** The AWS SDK's default chain, resolved at most once at a time and refreshed by the chain itself. */
export function defaultCredentialSource(): CredentialSource {
  const provider = defaultProvider();
  return () => provider();
}

export interface SignedRequestInput {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

/** A signer for `service` in `region`; each call signs with the credentials of that moment. */
export function createSigV4Signer(options: { region: string; service: string; credentials: CredentialSource }) {
  const signer = new SignatureV4({
    service: options.service,
    region: options.region,
    credentials: options.credentials,
    sha256: Sha256,
    uriEscapePath: true,
    applyChecksum: true,
  });
  return async ({ method, url, headers, body }: SignedRequestInput): Promise<Record<string, string>> => {
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port && { port: Number(url.port) }),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...headers, host: url.host },
      body,
    });
    // The headers SigV4 added: authorization, x-amz-date, x-amz-content-sha256, x-amz-security-token, host.
    const added: Record<string, string> = {};
    for (const [name, value] of Object.entries(signed.headers)) if (headers[name] === undefined) added[name] = value;
    return added;
  };
}

/** The signer the OTLP exporter takes. */
export function otlpRequestSigner(sign: ReturnType<typeof createSigV4Signer>): RequestSigner {
  return ({ method, url, headers, body }) => sign({ method, url, headers, body });
}
