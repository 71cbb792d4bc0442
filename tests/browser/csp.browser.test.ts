import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  eventually,
  startWebHarness,
  type WebHarness,
  type WebSession,
} from '../support/browser.js';

const executable = chromiumPath();

/** Records every Content-Security-Policy violation the page reports (added before any page script runs). */
const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    window.__cspViolations.push(event.effectiveDirective + ' ' + event.blockedURI));
`;
const violations = (session: WebSession) => session.page.evaluate<string[]>('window.__cspViolations ?? []');

describe.skipIf(!executable)(
  'web app in Chromium under its Content-Security-Policy',
  { timeout: 90_000 },
  () => {
    let web: WebHarness;

    beforeAll(async () => {
      web = await startWebHarness(executable!);
    }, 120_000);
    afterAll(() => web?.close());

    it.each(['admin', 'manager', 'supervisor', 'partner'] as const)(
      'as %s: every screen of the navigation works live with no violation',
      async (role) => {
        const session = await web.open();
        await session.context.addInitScript(RECORD_VIOLATIONS);
        await session.signIn(role);
        const { page } = session;
        const response = await page.goto(`${web.api.baseUrl}/wall`);
        expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
        // socket.io over WebSocket to the same origin: connect-src 'self'
        await eventually(() => page.getByTestId('connection').getAttribute('data-state')).toBe('live');
        const links = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').all();
        const paths = await Promise.all(links.map((link) => link.getAttribute('href')));
        expect(paths.length).toBeGreaterThan(1);
        const seen: string[] = [];
        for (const path of paths) {
          await session.goto(path!); // a fresh document each time, so each screen loads under the policy
          await page.getByRole('main').getByRole('heading').first().waitFor();
          await page.waitForLoadState('load');
          await page.waitForTimeout(500); // what the screen fetches and draws once shown
          seen.push(...(await violations(session)).map((violation) => `${path}: ${violation}`));
        }
        expect(seen).toEqual([]);
        expect(session.unexpectedConsoleErrors()).toEqual([]);
      },
    );

    it('enforces it: an injected inline script and a foreign image are blocked and reported', async () => {
      const session = await web.open();
      await session.context.addInitScript(RECORD_VIOLATIONS);
      await session.signIn('supervisor');
      session.expectConsoleError(/Content Security Policy/);
      await session.page.evaluate(`
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      const image = document.createElement('img');
      image.src = 'https://example.invalid/pixel.png';
      document.body.append(image);
    `);
      await eventually(() => violations(session)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^script-src-elem inline/),
          expect.stringMatching(/^img-src https:\/\/example\.invalid/),
        ]),
      );
      expect(await session.page.evaluate('window.__injected ?? false')).toBe(false);
    });
  },
);
