import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, eventually, startWebHarness, type WebHarness } from '../support/browser.js';

const executable = chromiumPath();

describe.skipIf(!executable)('web app in Chromium: capacity planning', { timeout: 60_000 }, () => {
  let web: WebHarness;

  beforeAll(async () => {
    web = await startWebHarness(executable!);
  }, 120_000);
  afterAll(() => web?.close());

  it('a manager sees the gap by site and day from the demo forecast, the forecast against actuals, and a what-if that answers as she types', async () => {
    const session = await web.open('manager');
    const { page } = session;
    await session.goto('/planning');
    // the demo's two queues reach all seven sites: each has a row, and some day needs seats
    await eventually(() =>
      page.getByTestId('capacity-days').locator('tbody tr').count(),
    ).toBeGreaterThanOrEqual(7);
    await eventually(() => page.getByTestId('capacity-days').locator('caption').textContent()).toContain(
      'demand forecast from',
    );
    const cells = page.getByTestId('gap-heatmap').locator('[data-gap]');
    await eventually(() => cells.count()).toBeGreaterThanOrEqual(7 * 48);
    await eventually(() => page.getByTestId('wape').textContent()).toMatch(
      /Holt–Winters \d+\.\d%, seasonal naive \d+\.\d%/,
    );
    const answer = page.getByTestId('what-if-answer');
    await eventually(() => answer.textContent()).toContain('Erlang A: peak');
    const before = await answer.textContent();
    await page.getByLabel('AHT (s)').fill('600');
    // twice the handle time needs more agents: the answer changes without a button
    await eventually(async () => (await answer.textContent()) !== before).toBe(true);
    const peak = (text: string | null) => Number(/peak (\d+)/.exec(text ?? '')![1]);
    expect(peak(await answer.textContent())).toBeGreaterThan(peak(before));
    await page.getByLabel('Patience (s)').fill('');
    await eventually(() => answer.textContent()).toContain('Erlang C: peak');
    await session.screenshot('planning');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });
});
