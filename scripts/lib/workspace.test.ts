import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectWorkspace } from './workspace.js';

const rows: Array<[string, NodeJS.ProcessEnv, string, string, string | undefined]> = [
  [
    'Gitpod',
    { GITPOD_WORKSPACE_ID: 'cruddur-abc', GITPOD_WORKSPACE_CLUSTER_HOST: 'ws-us1.gitpod.io' },
    'gitpod',
    'https://4567-cruddur-abc.ws-us1.gitpod.io',
    '*4567-cruddur-abc.ws-us1.gitpod.io*',
  ],
  [
    'Codespaces',
    { CODESPACES: 'true', CODESPACE_NAME: 'fluffy-x', GITHUB_CODESPACES_PORT_FORWARDING_DOMAIN: 'app.github.dev' },
    'codespaces',
    'https://fluffy-x-4567.app.github.dev',
    '*fluffy-x-4567.app.github.dev*',
  ],
  ['Ona', { GITPOD_ENVIRONMENT_ID: '019a-ona-env' }, 'ona', 'http://localhost:4567', undefined],
  ['a dev container', { REMOTE_CONTAINERS: 'true' }, 'devcontainer', 'http://localhost:4567', undefined],
  ['a plain machine', {}, 'plain', 'http://localhost:4567', undefined],
  ['Gitpod half-set is not Gitpod', { GITPOD_WORKSPACE_ID: 'x' }, 'plain', 'http://localhost:4567', undefined],
];
for (const [name, env, kind, url, pattern] of rows) {
  test(`${name}: ${kind}, backend at ${url}`, () => {
    const workspace = detectWorkspace(env);
    assert.equal(workspace.kind, kind);
    assert.equal(workspace.publicUrl(4567), url);
    assert.equal(workspace.xrayUrlPattern(4567), pattern);
  });
}
