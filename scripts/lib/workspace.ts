/**
 * Which cloud workspace the scripts run in, from the variables each sets: Gitpod Classic or
 * self-hosted Gitpod (`GITPOD_WORKSPACE_ID`), Ona, formerly Gitpod Flex (`GITPOD_ENVIRONMENT_ID`;
 * no `gp` CLI, secrets are Ona's), GitHub Codespaces (`CODESPACES=true`), another dev container
 * (`REMOTE_CONTAINERS=true`), or a plain machine. It decides where variables persist and the public URLs.
 */
export type WorkspaceKind = 'gitpod' | 'ona' | 'codespaces' | 'devcontainer' | 'plain';

export interface Workspace {
  kind: WorkspaceKind;
  /** The URL a browser reaches a forwarded port at. */
  publicUrl(port: number): string;
  /** The X-Ray dynamic naming pattern matching the backend's public host (the seed's AWS_XRAY_URL). */
  xrayUrlPattern(port: number): string | undefined;
}

export function detectWorkspace(env: NodeJS.ProcessEnv): Workspace {
  const gitpodId = env.GITPOD_WORKSPACE_ID;
  const gitpodHost = env.GITPOD_WORKSPACE_CLUSTER_HOST;
  if (gitpodId && gitpodHost) {
    return {
      kind: 'gitpod',
      publicUrl: (port) => `https://${port}-${gitpodId}.${gitpodHost}`,
      xrayUrlPattern: (port) => `*${port}-${gitpodId}.${gitpodHost}*`,
    };
  }
  if (env.GITPOD_ENVIRONMENT_ID) {
    // Ona's port URLs come from its CLI (gitpod environment port list), not from env: localhost here.
    return { kind: 'ona', publicUrl: (port) => `http://localhost:${port}`, xrayUrlPattern: () => undefined };
  }
  const codespace = env.CODESPACE_NAME;
  const domain = env.GITHUB_CODESPACES_PORT_FORWARDING_DOMAIN;
  if (env.CODESPACES === 'true' && codespace && domain) {
    return {
      kind: 'codespaces',
      publicUrl: (port) => `https://${codespace}-${port}.${domain}`,
      xrayUrlPattern: (port) => `*${codespace}-${port}.${domain}*`,
    };
  }
  return {
    kind: env.REMOTE_CONTAINERS === 'true' ? 'devcontainer' : 'plain',
    publicUrl: (port) => `http://localhost:${port}`,
    xrayUrlPattern: () => undefined,
  };
}
