/** Headless Chromium for the inspector's page tests and its bench: Debian's package, as CI installs it. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing — fix: apt-get install chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
}

const OVERLAPS = readFile(new URL('./text-overlaps.browser.js', import.meta.url), 'utf8');

/** Pairs of visible texts drawn over each other, measured from their boxes in the page. */
export async function textOverlaps(page: Page): Promise<{ texts: number; overlaps: string[] }> {
  return page.evaluate(`(${await OVERLAPS})()`);
}
