import { chromium, type Browser } from 'playwright-core';

/** The flags ../shared/environment.md gives for Chromium on these machines (no sandbox, no network chatter). */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium from the system package (`npm test` installs it), driven by playwright-core. */
export async function launchChromium(): Promise<Browser & AsyncDisposable> {
  const browser = await chromium.launch({
    executablePath: process.env.STACKHOOK_TEST_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
  });
  return Object.assign(browser, { [Symbol.asyncDispose]: () => browser.close() });
}
