import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsService } from '#alerts';
import { chromiumPath, eventually, startWebHarness, type WebHarness } from '../support/browser.js';
import { demoNetwork } from '../support/live.js';

const executable = chromiumPath();
const SITES = 30;

/** What the layout check found: boxes overlapping, text cut, things outside the screen. */
interface LayoutProblems {
  overlapping: string[];
  clipped: string[];
  offScreen: string[];
  scroll: { x: number; y: number };
}

/**
 * Runs in the page: every piece of text on the wall (headings, figure labels and values, legend,
 * campaign and alert lines) as the box its text covers; two boxes of different elements must not intersect unless
 * one holds the other, no text may be cut (its content wider or taller than its box, an ellipsis),
 * and nothing may lie outside the viewport or make the page scroll.
 */
const MEASURE = `(() => {
  const selector = 'h1, h2, h3, .place, .key-figures dt, .key-figures dd, .legend dt, .legend dd, .side-tile li, .side-tile h2, [data-testid="connection"], [data-testid="updated-at"]';
  const wall = document.querySelector('[data-testid="wall"]');
  const items = [...wall.closest('body').querySelectorAll(selector)].filter((el) => el.getClientRects().length);
  const label = (el) => (el.closest('[aria-label]')?.getAttribute('aria-label') ?? '') + ' › ' + el.tagName.toLowerCase() + ' "' + el.textContent.trim().slice(0, 40) + '"';
  // the box of the text itself (it can run out of its element's box), and the element's
  const textBox = (el) => { const range = document.createRange(); range.selectNodeContents(el); return range.getBoundingClientRect(); };
  const boxes = items.map((el) => ({ el, r: textBox(el) }));
  const overlapping = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (x > 0.5 && y > 0.5) overlapping.push(label(a.el) + ' × ' + label(b.el));
    }
  const clipped = items
    .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
    .map(label);
  const offScreen = boxes
    .filter(({ r }) => r.left < 0 || r.top < 0 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5)
    .map(({ el }) => label(el));
  const root = document.documentElement;
  return { overlapping, clipped, offScreen, scroll: { x: root.scrollWidth - innerWidth, y: root.scrollHeight - innerHeight } };
})()`;

describe.skipIf(!executable)('the wall screen with 30 sites', { timeout: 120_000 }, () => {
  let web: WebHarness;

  beforeAll(async () => {
    web = await startWebHarness(executable!);
    const network = await demoNetwork(web.api);
    const admin = await web.api.tokenFor('admin');
    const partners = [...new Set(network.sites.map((site) => site.partnerId))];
    // the demo's sites and more, with long names and big seat counts, to 30
    for (let index = network.sites.length; index < SITES; index++) {
      const created = await web.api.request('/api/v1/sites', {
        method: 'POST',
        token: admin,
        json: {
          partnerId: partners[index % partners.length],
          name: `Plateau Mohammedia-Technopolis ${index + 1}`,
          city: 'Mohammedia',
          country: 'MA',
          timeZone: 'Africa/Casablanca',
          installedSeats: 1200 + index,
        },
      });
      expect(created.status, created.text).toBe(201);
    }
    // the live registry reads the network again within 30 s
    for (let wait = 0; wait < 450; wait++) {
      const live = await web.api.request('/api/v1/live?scope=network', { token: admin });
      if (live.body.sites.length === SITES) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const alerts = web.api.app.get(AlertsService);
    for (const site of network.sites.slice(0, 4))
      await alerts.raise({
        kind: 'browser.layout',
        siteId: site.id,
        dedupeKey: `site:${site.id}`,
        message: `Staffed seats 41 are below 80% of the 120 expected at ${site.name} (clears at 108)`,
      });
  }, 180_000);
  afterAll(() => web?.close());

  it.each([
    [1920, 1080],
    [3840, 2160],
  ])('fits %ix%i: every site on screen, no text overlapping or cut, no scrolling', async (width, height) => {
    const session = await web.open('supervisor', { width, height });
    const { page } = session;
    await eventually(() => page.getByTestId('site-tile').count()).toBe(SITES);
    await eventually(() => page.getByTestId('alert').count()).toBe(4);
    expect(await page.getByRole('button', { name: 'Laptop layout' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await session.screenshot(`wall-${width}-30-sites`, false);
    const problems = (await page.evaluate(MEASURE)) as LayoutProblems;
    expect(problems.overlapping).toEqual([]);
    expect(problems.clipped).toEqual([]);
    expect(problems.offScreen).toEqual([]);
    expect(problems.scroll).toEqual({ x: 0, y: 0 });
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });
});
