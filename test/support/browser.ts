/**
 * Headless Chromium (Debian's /usr/bin/chromium) through playwright-core, for tests that render
 * the results page. Without Chromium those tests skip and say why; NSC_REQUIRE_BROWSER=1 (CI)
 * turns the skip into a failure.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe, it } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';

/** `describe` when Chromium is installed; otherwise a skipped suite, or a failing one under NSC_REQUIRE_BROWSER=1. */
export function describeInBrowser(name: string, suite: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, suite);
    return;
  }
  const why = `Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;
  if (process.env.NSC_REQUIRE_BROWSER === '1') {
    describe(name, () =>
      it('needs Chromium', () => {
        throw new Error(`${why}; NSC_REQUIRE_BROWSER=1 requires it`);
      }),
    );
  } else {
    console.warn(`Skipping "${name}": ${why}. Set NSC_REQUIRE_BROWSER=1 to fail instead.`);
    describe.skip(`${name} (skipped: ${why})`, suite);
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** What a page did that a safe rendering never does: dialogs, errors, CSP violations, network requests. */
export interface PageIncidents {
  readonly dialogs: string[];
  readonly errors: string[];
  readonly cspViolations: string[];
  readonly requests: string[];
}

/**
 * Records incidents on `page` and blocks every request except the document itself (`allowed`),
 * so nothing can reach the network even if the page tried.
 */
export async function watchPage(page: Page, allowed: (url: string) => boolean = () => false): Promise<PageIncidents> {
  const incidents: PageIncidents = { dialogs: [], errors: [], cspViolations: [], requests: [] };
  page.on('dialog', (dialog) => {
    incidents.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => incidents.errors.push(error.message));
  await page.exposeFunction('__nscCspViolation', (text: string) => incidents.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __nscCspViolation(text: string): void }).__nscCspViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed(url)) return route.continue();
    incidents.requests.push(url);
    return route.abort();
  });
  return incidents;
}
