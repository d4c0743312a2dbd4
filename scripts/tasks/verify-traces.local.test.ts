/**
 * Local mode end to end, as a newcomer runs it: `npm run setup -- --mode local` starts the inspector
 * and the backend natively; `verify-traces` proves the trace; the inspector holds the X-Ray segment
 * tree and the OTel spans under the one trace id; `traces` prints it; the page draws it in a real
 * (headless) Chromium; `down` stops both. Non-default ports, so a running stack is never disturbed.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { freePort } from '../../test-support/free-port.js';
import { createRunnableRoot, runNpm, runTaskProcess } from '../../test-support/task-process.js';
import type { TraceView } from '@cruddur/inspector';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOT = join(REPO, 'test-results', 'inspector-waterfall.png');
/** Debian's package; npm test installs it (scripts/test-prerequisites.ts). */
const CHROMIUM = '/usr/bin/chromium';

describe('local mode: setup → verify-traces → inspector → down', () => {
  // The README's commands in a root of their own: setup writes .env there, never into the repository.
  const root = createRunnableRoot();
  const stateDir = mkdtempSync(join(tmpdir(), 'cruddur-state-'));
  let env: Record<string, string>;
  let inspectorUrl: string;
  let traceId: string;
  const task = (name: string, args: string[] = []) => runTaskProcess(name, args, { root, env });

  before(async () => {
    const [xrayPort, httpPort, backendPort] = [await freePort(), await freePort(), await freePort()];
    inspectorUrl = `http://127.0.0.1:${httpPort}`;
    env = {
      CRUDDUR_STATE_DIR: stateDir,
      CRUDDUR_INSPECTOR_XRAY_PORT: String(xrayPort),
      CRUDDUR_INSPECTOR_HTTP_PORT: String(httpPort),
      BACKEND_URL: `http://127.0.0.1:${backendPort}`,
    };
    // The newcomer's command itself, through npm and the task runner.
    const setup = await runNpm(['setup', '--', '--mode', 'local'], { root, env });
    assert.equal(setup.code, 0, setup.output);
  });
  after(async () => {
    await task('down', ['--mode', 'local']);
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });

  test("verify-traces learns local mode from the backend's record, confirms the trace in the inspector and exits 0", async () => {
    const run = await task('verify-traces', ['--json']);
    assert.equal(run.code, 0, run.output);
    const report = JSON.parse(run.stdout) as {
      traceId: string;
      otelTraceId: string;
      mode: string;
      destinations: Array<{ name: string; ok: boolean; proof?: string; ms: number; link?: string }>;
    };
    traceId = report.traceId;
    assert.equal(report.mode, 'local');
    assert.match(run.stderr, /local mode: the backend sends to the trace inspector \(http:\/\/127\.0\.0\.1:\d+/);
    assert.deepEqual(
      report.destinations.map(({ name, ok, proof }) => [name, ok, proof]),
      [['local', true, 'stored']],
    );
    assert.equal(report.destinations[0]!.link, `${inspectorUrl}/#/traces/${traceId}`);
  });

  test('the inspector holds the segment tree and the spans under the one trace id', async () => {
    const view = (await (await fetch(`${inspectorUrl}/api/traces/${traceId}`)).json()) as TraceView;
    const byPath = (path: string) => view.xray.find((segment) => segment.request?.path === path);
    assert.deepEqual(
      byPath('/api/activities/home')?.children.map((sub) => sub.name),
      ['activities_home'],
    );
    assert.ok(JSON.stringify(byPath('/api/activities/@andrewbrown')).includes('"name":"mock-data"'));
    assert.equal(byPath('/rollbar/error')?.error, true);
    // Asked by its OTel spelling, the same trace answers: the spans were exported under that id.
    const sameTrace = (await (await fetch(`${inspectorUrl}/api/traces/${view.otelTraceId}`)).json()) as TraceView;
    assert.equal(sameTrace.traceId, traceId);
    assert.ok(JSON.stringify(view.otel).includes('"name":"home-activities-mock-data"'));
    assert.equal(view.items.length, 1);
    assert.equal(view.items[0]!.traceId, traceId);
    // The backend's log lines carry the trace id; the inspector finds them in .cruddur/backend.log.
    const logs = (await (await fetch(`${inspectorUrl}/api/traces/${traceId}/logs`)).json()) as {
      lines: Array<{ msg: string }>;
    };
    assert.ok(
      logs.lines.some((line) => line.msg === 'GET /api/activities/home 200'),
      JSON.stringify(logs),
    );
  });

  test('the traces task prints the trace with both trees', async () => {
    const run = await task('traces', ['--limit', '1']);
    assert.equal(run.code, 0, run.output);
    assert.match(run.stdout, new RegExp(` {2}${traceId} {2}OTel `));
    assert.match(run.stdout, /├─ X-Ray backend-flask/);
    assert.match(run.stdout, /└─ X-Ray activities_home/);
  });

  test('the page lists the trace and draws it as one tree in Chromium', async (t) => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing — fix: apt-get install chromium`);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    t.after(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${inspectorUrl}/`);
    await page.locator(`a[data-trace-id="${traceId}"]`).click();
    await page.locator('#trace-id').filter({ hasText: traceId }).waitFor();
    await page.locator('#tree .row.xray').first().waitFor();
    assert.ok((await page.locator('#tree .row.xray').count()) >= 6, 'three segments and their subsegments');
    assert.ok((await page.locator('#tree .row.otel').count()) >= 3, 'a server span per request');
    await page.locator('#tree .row.otel', { hasText: 'home-activities-mock-data' }).click();
    await page.locator('#details', { hasText: 'app.result_length' }).waitFor();
    mkdirSync(join(REPO, 'test-results'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    assert.ok(existsSync(SCREENSHOT));
  });

  test('setup again finds both running and starts nothing', async () => {
    const again = await task('setup', ['--mode', 'local']);
    assert.equal(again.code, 0, again.output);
    assert.match(again.stdout, /the trace inspector is already running/);
    assert.match(again.stdout, /the backend is already running/);
  });

  test('down stops the backend and the inspector; the trace survives in the state folder', async () => {
    const down = await task('down', ['--mode', 'local']);
    assert.equal(down.code, 0, down.output);
    assert.match(down.stdout, /stopped backend and inspector/);
    assert.equal(existsSync(join(stateDir, 'backend.pid')), false);
    assert.equal(existsSync(join(stateDir, 'inspector.pid')), false);
    await assert.rejects(fetch(`${inspectorUrl}/healthz`));
    assert.ok(existsSync(join(stateDir, 'inspector', 'traces.json')));
  });
});
