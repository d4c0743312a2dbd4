/** Headless Chromium for the inspector's page tests and its bench: Debian's package, as CI installs it. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing — fix: apt-get install chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
}

/** Runs one of the `*.browser.js` checks of this folder in the page (plain JS: no DOM types in the build). */
async function runCheck<T>(page: Page, file: string): Promise<T> {
  const source = await readFile(new URL(file, import.meta.url), 'utf8');
  return page.evaluate(`(${source})()`) as Promise<T>;
}

/** Pairs of visible texts drawn over each other, measured from their boxes in the page. */
export function textOverlaps(page: Page): Promise<{ texts: number; overlaps: string[] }> {
  return runCheck(page, './text-overlaps.browser.js');
}

/** Visible texts below WCAG AA contrast against what is behind them. */
export function lowContrastTexts(page: Page): Promise<string[]> {
  return runCheck(page, './low-contrast.browser.js');
}
