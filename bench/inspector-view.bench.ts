/**
 * The inspector page's time to interactive for one big trace: a generated trace of 500 OTel spans
 * (the shape of a chatty request) in a real inspector, opened by deep link in headless Chromium.
 * Timed by the page itself: from navigation start to the `trace-interactive` mark, set once the
 * rows are drawn, their handlers bound and the first frame painted (API call and tree build included).
 */
import { launchChromium } from '../scripts/inspector/testing/browser.js';
import { largeTrace } from '../scripts/inspector/testing/fixtures.js';
import { sendSpans, startSeededInspector } from '../scripts/inspector/testing/seeded.js';
import { round } from './load.js';
import { median } from './overhead.bench.js';

const TRACE_ID = '1-6a8a1b2c-0000000000000000000000ff';

export interface InspectorViewBench {
  what: string;
  spans: number;
  runs: number;
  medianMs: number;
  runsMs: number[];
}

export async function benchInspectorView(options: { runs: number; spans: number; progress: (line: string) => void }): Promise<InspectorViewBench> {
  const seeded = await startSeededInspector();
  const browser = await launchChromium();
  try {
    await sendSpans(seeded.inspector, TRACE_ID, largeTrace(options.spans));
    const timed = async (): Promise<number> => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      try {
        await page.goto(`${seeded.inspector.httpUrl}/#/traces/${TRACE_ID}`);
        await page.locator(`body[data-trace-ready="${TRACE_ID}"]`).waitFor({ timeout: 60_000 });
        const ms = await page.evaluate(`performance.getEntriesByName('trace-interactive')[0].startTime`);
        return round(Number(ms), 0);
      } finally {
        await page.close();
      }
    };
    await timed(); // warm-up: Chromium's first page pays for its own start
    const runsMs: number[] = [];
    for (let i = 0; i < options.runs; i++) runsMs.push(await timed());
    options.progress(`inspector page, ${options.spans}-span trace: median ${median(runsMs)} ms to interactive over ${options.runs} runs`);
    return {
      what: `deep link to a ${options.spans}-span trace in headless Chromium (1440×900): navigation start to rows drawn and first frame painted`,
      spans: options.spans,
      runs: options.runs,
      medianMs: median(runsMs),
      runsMs,
    };
  } finally {
    await browser.close();
    await seeded.close();
  }
}
