import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityRollup } from '#wallboard';
import { chromiumPath, eventually, startWebHarness, type WebHarness } from '../support/browser.js';
import { demoNetwork, type DemoSite, isoAgo, postSeatEvents } from '../support/live.js';

const executable = chromiumPath();
const FULL_HD = { width: 1920, height: 1080 };
const UHD = { width: 3840, height: 2160 };

/**
 * Text that overlaps other text, or spills out of its tile, and tiles that overlap each other.
 * Leaf elements with text inside each wall tile are compared two by two (one pixel of slack).
 */
async function layoutProblems(page: Page): Promise<string[]> {
  // run in the page (a string: this project's TypeScript has no DOM types)
  return page.evaluate<string[]>(`(() => {
    const problems = [];
    const overlap = (a, b) =>
      a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const tiles = [...document.querySelectorAll('[data-testid="wall-tile"]')];
    tiles.forEach((tile, index) => {
      const box = tile.getBoundingClientRect();
      for (const other of tiles.slice(index + 1))
        if (overlap(box, other.getBoundingClientRect()))
          problems.push('tiles ' + tile.dataset.tileId + ' and ' + other.dataset.tileId + ' overlap');
      const texts = [...tile.querySelectorAll('h2, dt, dd, p, span, li, strong, label, button')]
        .filter((element) => element.children.length === 0 && element.textContent.trim())
        .map((element) => ({ element, rect: element.getBoundingClientRect() }))
        .filter(({ rect }) => rect.width > 0 && rect.height > 0);
      for (const { element, rect } of texts) {
        if (rect.left < box.left - 1 || rect.right > box.right + 1 || rect.bottom > box.bottom + 1)
          problems.push('"' + element.textContent + '" spills out of tile ' + tile.dataset.tileId);
        if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).textOverflow !== 'ellipsis')
          problems.push('"' + element.textContent + '" is wider than its box in tile ' + tile.dataset.tileId);
      }
      texts.forEach((a, i) => {
        for (const b of texts.slice(i + 1))
          if (!a.element.contains(b.element) && !b.element.contains(a.element) && overlap(a.rect, b.rect))
            problems.push('"' + a.element.textContent + '" overlaps "' + b.element.textContent + '" in ' + tile.dataset.tileId);
      });
    });
    return problems;
  })()`);
}

const tileIds = (page: Page) =>
  page
    .locator('[data-testid="wall-tile"]')
    .evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('data-tile-id')));

describe.skipIf(!executable)(
  'web app in Chromium: a wall a supervisor arranges and shares',
  { timeout: 90_000 },
  () => {
    let web: WebHarness;
    let sittel: DemoSite;
    let shareLink: string;

    beforeAll(async () => {
      web = await startWebHarness(executable!);
      sittel = (await demoNetwork(web.api)).siteOf('Sittel');
      const partner = await web.api.tokenFor('partner');
      // one seat on call of four staffed: occupancy 25 %, under a 60 % threshold
      const states = ['on_call', 'available', 'available', 'available'];
      const posted = await postSeatEvents(
        web.api,
        sittel.id,
        sittel.seats
          .slice(0, 4)
          .map((seatId, index) => ({ seatId, state: states[index] as never, at: isoAgo(5_000) })),
        partner,
      );
      expect(posted.status).toBe(200);
      await web.api.app.get(ActivityRollup).run();
    }, 120_000);
    afterAll(() => web?.close());

    it('arranges tiles, adds a threshold, saves, and finds the same wall after a reload', async () => {
      const session = await web.open('supervisor', FULL_HD);
      const { page } = session;
      await session.goto('/my-wall');
      await eventually(() => tileIds(page)).toEqual(['network', 'activity', 'alerts']);
      await page.getByRole('button', { name: 'Arrange' }).click();
      await page.getByLabel('Tile', { exact: true }).selectOption({ label: 'A site’s seats' });
      await page.getByLabel('Showing').selectOption({ label: sittel.name });
      await page.getByRole('button', { name: 'Add tile' }).click();
      await eventually(() => page.getByTestId('wall-tile').count()).toBe(4);
      // bring the site tile to the front, make it large, colour it under 60 % occupancy
      for (let moves = 0; moves < 3; moves++)
        await page.getByRole('button', { name: `Move ${sittel.name} earlier` }).click();
      await page.getByLabel(`Size of ${sittel.name}`).selectOption('large');
      const controls = page.getByRole('form', { name: `Threshold of ${sittel.name}` });
      await controls.getByLabel('Metric').selectOption('occupancy');
      await controls.getByLabel('When').selectOption('below');
      await controls.getByLabel('Value').fill('60');
      await controls.getByRole('button', { name: 'Add threshold' }).click();
      await page.getByRole('button', { name: 'Remove Open alerts' }).click();
      await page.getByRole('button', { name: 'Save wall' }).click();
      await eventually(() => page.getByTestId('wall-status').textContent()).toMatch(/^Saved at/);
      const order = await tileIds(page);
      expect(order).toHaveLength(3);
      expect(order.slice(1)).toEqual(['network', 'activity']);

      await page.reload();
      await eventually(() => tileIds(page)).toEqual(order);
      const site = page.locator(`[data-tile-id="${order[0]}"]`);
      await eventually(() => site.getAttribute('data-breached')).toBe('true');
      expect(await site.getByTestId('breach').textContent()).toBe('Occupancy below 60 %');
      expect(await site.getAttribute('class')).toContain('size-large');
      await session.screenshot('my-wall-1080p');
      expect(await layoutProblems(page)).toEqual([]);
      expect(session.unexpectedConsoleErrors()).toEqual([]);
    });

    it('shares the wall read-only, at 1920×1080 and 4K without overlapping text, until revoked', async () => {
      const owner = await web.open('supervisor', FULL_HD);
      await owner.goto('/my-wall');
      await owner.page.getByRole('button', { name: 'Create read-only link' }).click();
      shareLink = (await owner.page.getByTestId('share-link').inputValue())!;
      expect(shareLink).toMatch(/\/shared-wall#[A-Za-z0-9_-]{32}$/);

      for (const [viewport, name] of [
        [FULL_HD, '1080p'],
        [UHD, '4k'],
      ] as const) {
        const screen = await web.open(undefined, viewport);
        await screen.page.goto(shareLink);
        await eventually(() => screen.page.getByTestId('wall-tile').count()).toBe(3);
        await eventually(() => screen.page.locator('[data-breached="true"]').count()).toBe(1);
        await expect(screen.page.getByTestId('who').count()).resolves.toBe(0); // nobody signed in
        await screen.page.getByTestId('attempts-per-hour').first().waitFor();
        await screen.screenshot(`shared-wall-${name}`);
        expect(await layoutProblems(screen.page)).toEqual([]);
        // the figures fit the screen: no scrolling sideways
        expect(
          await screen.page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'),
        ).toBe(true);
        expect(screen.unexpectedConsoleErrors()).toEqual([]);
      }

      // the screen left open learns of the revocation as its socket is closed
      const screen = await web.open(undefined, FULL_HD);
      screen.expectConsoleError(/401/);
      await screen.page.goto(shareLink);
      await eventually(() => screen.page.getByTestId('wall-tile').count()).toBe(3);
      await owner.page.getByRole('button', { name: 'Revoke Screen in the room' }).click();
      await eventually(() => owner.page.locator('[data-testid="share"][data-revoked="true"]').count()).toBe(
        1,
      );
      await eventually(() => screen.page.getByTestId('shared-refused').count(), 15_000).toBe(1);
      expect(await screen.page.getByRole('heading').first().textContent()).toBe('Wall link revoked');
      await screen.screenshot('shared-wall-revoked');
    });

    it('keeps the shared screen current over its socket, without polling', async () => {
      const supervisor = await web.api.tokenFor('supervisor');
      const created = await web.api.request('/api/v1/walls/mine/shares', {
        method: 'POST',
        token: supervisor,
        json: { label: 'Live screen' },
      });
      expect(created.status, created.text).toBe(201);
      const screen = await web.open(undefined, FULL_HD);
      const reads: string[] = [];
      screen.page.on('request', (request) => {
        if (request.url().includes('/api/v1/walls/shared')) reads.push(request.url());
      });
      await screen.page.goto(`${web.api.baseUrl}/shared-wall#${created.body.token}`);
      await eventually(() => screen.page.getByTestId('connection').getAttribute('data-state')).toBe('live');
      const onCall = screen.page.getByRole('region', { name: sittel.name }).getByTestId('on-call');
      await eventually(() => onCall.textContent()).toBe('1');
      const read = reads.length;
      const partner = await web.api.tokenFor('partner');
      const posted = await postSeatEvents(
        web.api,
        sittel.id,
        sittel.seats.slice(1, 4).map((seatId) => ({ seatId, state: 'on_call' as never, at: isoAgo(1_000) })),
        partner,
      );
      expect(posted.status).toBe(200);
      // over the socket within moments, where polling took up to 5 s
      await eventually(() => onCall.textContent(), 3_000).toBe('4');
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(reads.length).toBe(read);
      expect(screen.unexpectedConsoleErrors()).toEqual([]);
    });
  },
);
