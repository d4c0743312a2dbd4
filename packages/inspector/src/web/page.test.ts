/**
 * The page in a real (headless) Chromium against a real inspector fed over its receivers: the list's
 * filters, a trace opened from the list and by deep link, collapse and expand, the next error, the
 * details panel (attributes, exception stack, log lines), export, clear; screenshots at two window
 * sizes with no text drawn over text (measured from the boxes) and AA contrast, and a generated 500-span trace.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { waitFor } from '../../../../test-support/wait.js';
import { checkVisibleText, launchChromium } from '../testing/browser.js';
import { hexId, largeTrace, storedSpan, T0_S } from '../testing/fixtures.js';
import {
  FAILED_ID,
  NOT_FOUND_ID,
  OK_ID,
  sendSpans,
  startSeededInspector,
  type SeededInspector,
} from '../testing/seeded.js';
import { TEST_DEADLINE_MS } from '../../../../test-support/deadline.js';

const RESULTS = fileURLToPath(new URL('../../../../test-results/', import.meta.url));
const LARGE_ID = '1-6a8a1b2c-00000000000000000000000d';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 720 },
];

describe('the inspector page in Chromium', () => {
  let seeded: SeededInspector;
  let browser: Browser;
  let page: Page;
  const rows = () => page.locator('#tree [role="treeitem"]');
  const row = (name: string) =>
    page.locator('#tree [role="treeitem"]', { has: page.locator('.name', { hasText: name }) });
  const listed = () => page.locator('#traces a[data-trace-id]');
  const listedIds = () => listed().evaluateAll((links) => links.map((link) => link.getAttribute('data-trace-id')));
  /** Polls until the list shows exactly these traces, in this order (the list redraws as filters change). */
  const expectListed = (ids: string[]) =>
    waitFor(
      `the list to show ${ids.join(', ')}`,
      async () => ((await listedIds()).join() === ids.join() ? true : undefined),
      15_000,
    );
  const expectVisibleRows = (count: number) =>
    waitFor(`${count} visible rows`, async () => ((await rows().count()) === count ? true : undefined), 15_000);
  const openTrace = async (id: string) => {
    await page.locator(`#traces a[data-trace-id="${id}"]`).click();
    await page.locator(`body[data-trace-ready="${id}"]`).waitFor();
  };

  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    seeded = await startSeededInspector();
    await sendSpans(seeded.inspector, LARGE_ID, largeTrace(500, T0_S - 60));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: SIZES[0] });
    page.setDefaultTimeout(TEST_DEADLINE_MS);
    await page.goto(`${seeded.inspector.httpUrl}/`);
    await listed().first().waitFor();
  });
  after(async () => {
    await browser?.close();
    await seeded?.close();
  });

  test('the list leads with service and operation, newest first, and filters by status, route, duration and text', async () => {
    await expectListed([OK_ID, NOT_FOUND_ID, FAILED_ID, LARGE_ID]);
    assert.match(await listed().first().innerText(), /^backend-flask GET \/api\/activities\/home/);
    await page.selectOption('#filters select[name="status"]', 'error');
    await expectListed([FAILED_ID, LARGE_ID]);
    await page.selectOption('#filters select[name="status"]', 'client-error');
    await expectListed([NOT_FOUND_ID]);
    await page.selectOption('#filters select[name="status"]', '');
    await page.fill('#filters input[name="route"]', '/rollbar');
    await expectListed([FAILED_ID]);
    await page.fill('#filters input[name="route"]', '');
    await page.fill('#filters input[name="minMs"]', '100');
    await expectListed([LARGE_ID]);
    await page.fill('#filters input[name="minMs"]', '');
    await page.fill('#filters input[name="q"]', 'andrewbrown');
    await expectListed([OK_ID, NOT_FOUND_ID]);
    await page.fill('#filters input[name="q"]', '');
    await expectListed([OK_ID, NOT_FOUND_ID, FAILED_ID, LARGE_ID]);
  });

  test('a trace opened from the list is one tree: the request, its X-Ray segments and its OTel spans', async () => {
    await openTrace(FAILED_ID);
    assert.equal(await page.locator('#trace-id').innerText(), FAILED_ID);
    assert.deepEqual(
      await rows().evaluateAll((items) =>
        items.map((item) =>
          `${item.getAttribute('aria-level')} ${item.querySelector('.badge')?.textContent ?? ''} ${item.querySelector('.name')!.textContent}`.replace(
            '  ',
            ' ',
          ),
        ),
      ),
      [
        '1 GET /rollbar/error',
        '2 X-Ray backend-flask',
        '3 X-Ray rollbar-error',
        '2 OTel GET /rollbar/error',
        '3 OTel request handler - /rollbar/error',
      ],
    );
    assert.equal((await page.locator('#axis .tick').count()) >= 2, true, 'the time axis has ticks');
    assert.equal((await page.locator('#tree .row.critical').count()) >= 3, true, 'the critical path is marked');
    assert.equal(await page.locator('#tree .marker').count(), 1, 'the Rollbar item is a marker on its span');
  });

  test('rows collapse and expand by mouse and keyboard', async () => {
    const request = row('GET /rollbar/error').first();
    await request.locator('.twisty').click();
    await expectVisibleRows(1);
    assert.equal(await request.getAttribute('aria-expanded'), 'false');
    await request.click();
    await page.keyboard.press('ArrowRight');
    await expectVisibleRows(5);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('#tree [aria-selected="true"] .name').innerText(), 'backend-flask');
  });

  test('n jumps to the next error; its details show attributes, the exception stack and the log lines', async () => {
    await page.locator('#tree [aria-selected="true"]').focus();
    // From the X-Ray segment (a fault itself): its subsegment, then the OTel server span.
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    const selected = page.locator('#tree [aria-selected="true"]');
    assert.equal(await selected.locator('.name').innerText(), 'GET /rollbar/error');
    assert.equal(await selected.getAttribute('data-status'), 'error');
    await page.keyboard.press('n');
    assert.equal(await selected.locator('.name').innerText(), 'request handler - /rollbar/error');
    const details = page.locator('#details');
    await details.locator('.log-section li').first().waitFor();
    assert.match(await details.innerText(), /express\.type\s+request_handler/);
    assert.match(
      await details.locator('pre.stack').first().innerText(),
      /^Error: Rollbar test error\n\s+at boom \(\/app\/src\/routes\/rollbar\.ts:12:9\)/,
    );
    assert.match(
      await details.locator('.item').innerText(),
      /Error: Rollbar test error[\s\S]*0a4f7c7e-1111-4222-8333-944455556666/,
    );
    assert.deepEqual(
      await details
        .locator('.log-section li')
        .evaluateAll((items) =>
          items.map((item) => item.firstElementChild!.nextSibling!.nextSibling!.textContent!.trim()),
        ),
      ['GET /rollbar/error failed', 'GET /rollbar/error 500'],
    );
    await page.keyboard.press('p');
    assert.equal(await selected.locator('.name').innerText(), 'GET /rollbar/error');
    await row('backend-flask').click();
    assert.match(await details.innerText(), /fault\s+true[\s\S]*annotations[\s\S]*route\s+\/rollbar\/error/);
    assert.match(
      await details.locator('pre.stack').first().innerText(),
      /at boom \(\/app\/src\/routes\/rollbar\.ts:12\)/,
    );
  });

  test('a trace opens by deep link', async () => {
    const other = await browser.newPage({ viewport: SIZES[1] });
    other.setDefaultTimeout(TEST_DEADLINE_MS);
    try {
      await other.goto(`${seeded.inspector.httpUrl}/#/traces/${NOT_FOUND_ID}`);
      await other.locator(`body[data-trace-ready="${NOT_FOUND_ID}"]`).waitFor();
      assert.equal(await other.locator('#trace-head .chip').first().innerText(), '4xx');
      assert.equal(await other.locator(`#traces a[aria-current="true"]`).getAttribute('data-trace-id'), NOT_FOUND_ID);
      await other.goto(`${seeded.inspector.httpUrl}/#/traces/not-a-trace`);
      assert.equal(
        await other.locator('#trace-head .err').innerText(),
        'no trace not-a-trace here (yet)',
        'a JSON error as a sentence, never a stack',
      );
    } finally {
      await other.close();
    }
  });

  test('export downloads the trace as JSON and as OTLP/JSON', async () => {
    for (const [label, check] of [
      [
        'Export JSON',
        (body: { traceId: string; spans: unknown[] }) =>
          assert.deepEqual([body.traceId, body.spans.length], [FAILED_ID, 2]),
      ],
      [
        'Export OTLP',
        (body: { resourceSpans: Array<{ scopeSpans: Array<{ spans: unknown[] }> }> }) =>
          assert.equal(body.resourceSpans[0]!.scopeSpans[0]!.spans.length, 2),
      ],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: label }).click(),
      ]);
      const body: unknown = JSON.parse(await readFile(await download.path(), 'utf8'));
      (check as (value: unknown) => void)(body);
    }
  });

  test('live updates redraw the open trace and keep the selection', async () => {
    await row('request handler').click();
    const late = storedSpan({
      spanId: hexId(3, 'd'),
      parentSpanId: hexId(1, 'd'),
      name: 'late-span',
      startMs: T0_S * 1000 + 25,
      endMs: T0_S * 1000 + 28,
    });
    await sendSpans(seeded.inspector, FAILED_ID, [late]);
    await row('late-span').waitFor();
    assert.equal(
      await page.locator('#tree [aria-selected="true"] .name').innerText(),
      'request handler - /rollbar/error',
    );
    assert.equal(
      await page.locator('#tree [role="treeitem"]:focus .name').innerText(),
      'request handler - /rollbar/error',
      'and the focus',
    );
    assert.equal(await page.locator('#traces a[aria-current="true"]').getAttribute('data-trace-id'), FAILED_ID);
  });

  for (const size of SIZES) {
    test(`at ${size.width}×${size.height} the trace view has no text drawn over text (screenshot saved)`, async () => {
      await page.setViewportSize(size);
      await page.locator('#filters input[name="q"]').fill('');
      await row('request handler').click();
      await page.locator('#details .log-section li').first().waitFor();
      const { texts, overlaps, lowContrast } = await checkVisibleText(page);
      assert.ok(texts > 50, `measured ${texts} text boxes`);
      assert.deepEqual(overlaps, []);
      assert.deepEqual(lowContrast, [], 'text keeps WCAG AA contrast');
      await page.screenshot({ path: join(RESULTS, `inspector-trace-view-${size.width}x${size.height}.png`) });
    });
  }

  test('a generated 500-span trace opens with the rows in view, scrolls and jumps between errors, without overlapping text', async () => {
    await page.goto(`${seeded.inspector.httpUrl}/#/traces/${LARGE_ID}`);
    await page.locator(`body[data-trace-ready="${LARGE_ID}"]`).waitFor();
    const drawn = await rows().count();
    assert.ok(drawn > 10 && drawn < 100, `only the rows in view and a margin are drawn (${drawn} of 501)`);
    assert.equal(await page.getByRole('button', { name: 'Next error ▶ (9)' }).count(), 1);
    assert.deepEqual((await checkVisibleText(page)).overlaps, []);
    await rows().first().click();
    await page.keyboard.press('End');
    const selectedName = () => page.locator('#tree [aria-selected="true"] .name').innerText();
    assert.match(await selectedName(), /^step-99 /, 'the last row in tree order, drawn after scrolling to it');
    await page.keyboard.press('n');
    assert.match(await selectedName(), /^step-100 /, 'past the last error, n wraps to the first, far above');
    await page.keyboard.press('p');
    assert.match(await selectedName(), /^step-50 /, 'and p wraps back to the last');
    assert.deepEqual((await checkVisibleText(page)).overlaps, [], 'rows drawn while scrolling do not overlap either');
  });

  test('clear empties the store from the page', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Clear all' }).click();
    await page.locator('#traces .empty', { hasText: 'No traces yet.' }).waitFor();
    assert.equal(seeded.inspector.store.traces().length, 0);
    assert.equal(await page.locator('#tree [role="treeitem"]').count(), 0);
  });
});
