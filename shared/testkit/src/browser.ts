import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's chromium; a test tool cannot download its own browser on a closed network. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Headless, and quiet on the network: without these, chromium dials Google's services at every
// start (updates, sync, field trials), which a loopback-only machine refuses, many at a time.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export type { Page } from 'playwright-core';

export interface TestBrowser {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

/** A real chromium; Playwright gives each launch a fresh, throw-away profile. */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  return { browser, context, close: () => browser.close() };
}
