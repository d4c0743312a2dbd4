/** Headless Chromium for the inspector's page tests and its bench: Debian's package, as CI installs it. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing — fix: apt-get install chromium`);
  return chromium.launch({
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
}

const VISIBLE_TEXT = new URL('./visible-text.browser.js', import.meta.url);

export interface VisibleTextCheck {
  /** How many text boxes were measured. */
  texts: number;
  /** Pairs of visible texts drawn over each other, from their boxes in the page. */
  overlaps: string[];
  /** Visible texts below WCAG AA contrast against what is behind them. */
  lowContrast: string[];
}

/** Measures the page as it is drawn now (plain JS evaluated in the page: no DOM types in the build). */
export async function checkVisibleText(page: Page): Promise<VisibleTextCheck> {
  const { visibleTextInPage } = (await import(VISIBLE_TEXT.href)) as { visibleTextInPage: () => VisibleTextCheck };
  return page.evaluate(visibleTextInPage);
}
