/**
 * The inspector page's time to interactive for one big trace: a generated trace of 500 OTel spans
 * (the shape of a chatty request) in a real inspector, opened by deep link in headless Chromium.
 * Timed by the page itself: from navigation start to the `trace-interactive` mark, set once the
 * rows are drawn, their handlers bound and the first frame painted (API call and tree build included).
 * Wall time on a shared machine waits for the CPU; the renderer's own script, style and layout time
 * (Chromium's Performance metrics) say how much of it is the page's work.
 */
import { largeTrace, launchChromium, sendSpans, startSeededInspector } from '@cruddur/inspector/testing';
import { round } from './load.js';
import { median } from './overhead.bench.js';

const TRACE_ID = '1-6a8a1b2c-0000000000000000000000ff';

/** Medians of the renderer's busy time up to interactive, by kind. */
export interface MainThreadMs {
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
}

export interface InspectorViewBench {
  what: string;
  spans: number;
  runs: number;
  medianMs: number;
  runsMs: number[];
  mainThread: MainThreadMs;
}

export async function benchInspectorView(options: {
  runs: number;
  spans: number;
  progress: (line: string) => void;
}): Promise<InspectorViewBench> {
  const seeded = await startSeededInspector();
  const browser = await launchChromium();
  try {
    await sendSpans(seeded.inspector, TRACE_ID, largeTrace(options.spans));
    const timed = async (): Promise<{ ms: number } & MainThreadMs> => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      try {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        await page.goto(`${seeded.inspector.httpUrl}/#/traces/${TRACE_ID}`);
        await page.locator(`body[data-trace-ready="${TRACE_ID}"]`).waitFor({ timeout: 60_000 });
        const ms = await page.evaluate(`performance.getEntriesByName('trace-interactive')[0].startTime`);
        const metrics = new Map(
          (await cdp.send('Performance.getMetrics')).metrics.map(({ name, value }) => [name, value * 1000]),
        );
        return {
          ms: round(Number(ms), 0),
          scriptMs: round(metrics.get('ScriptDuration') ?? 0, 0),
          styleMs: round(metrics.get('RecalcStyleDuration') ?? 0, 0),
          layoutMs: round(metrics.get('LayoutDuration') ?? 0, 0),
        };
      } finally {
        await page.close();
      }
    };
    await timed(); // warm-up: Chromium's first page pays for its own start
    const runs: Array<Awaited<ReturnType<typeof timed>>> = [];
    for (let i = 0; i < options.runs; i++) runs.push(await timed());
    const runsMs = runs.map((run) => run.ms);
    const mainThread = {
      scriptMs: median(runs.map((run) => run.scriptMs)),
      styleMs: median(runs.map((run) => run.styleMs)),
      layoutMs: median(runs.map((run) => run.layoutMs)),
    };
    options.progress(
      `inspector page, ${options.spans}-span trace: median ${median(runsMs)} ms to interactive over ${options.runs} runs (script ${mainThread.scriptMs} ms, style ${mainThread.styleMs} ms, layout ${mainThread.layoutMs} ms)`,
    );
    return {
      what: `deep link to a ${options.spans}-span trace in headless Chromium (1440×900): navigation start to rows drawn and first frame painted`,
      spans: options.spans,
      runs: options.runs,
      medianMs: median(runsMs),
      runsMs,
      mainThread,
    };
  } finally {
    await browser.close();
    await seeded.close();
  }
}
