import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { build } from 'vite';
import { CI_RUN } from './environment.js';
import { DEMO_LOGINS, type TestApi } from './test-api.js';

export type DemoRole = keyof typeof DEMO_LOGINS;

/** The flags Debian's Chromium needs here: no sandbox as root, no calls to the outside world. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

export const SCREENSHOT_DIR = join(process.cwd(), 'artifacts', 'screenshots');

/**
 * Debian's Chromium (scripts/install-chromium.sh), or CHROMIUM_PATH. Browser tests skip loudly
 * when it is missing outside CI, and fail under CI.
 */
export function chromiumPath(): string | undefined {
  const configured = process.env.CHROMIUM_PATH; // another Chromium, or a missing one on purpose
  let path: string | undefined;
  if (configured !== undefined) path = existsSync(configured) ? configured : undefined;
  else
    try {
      path = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      path = undefined;
    }
  if (!path && CI_RUN) throw new Error('CI=true but chromium is missing: run scripts/install-chromium.sh');
  if (!path)
    console.warn(
      '\n  ⚠ chromium is not installed: browser tests are SKIPPED (bash scripts/install-chromium.sh)\n',
    );
  return path;
}

/** Builds apps/web from its sources into a fresh folder (what `npm run build:web` does). */
export async function buildWebApp(): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'plateau-web-'));
  await build({
    configFile: join(process.cwd(), 'apps', 'web', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true },
  });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/** A page that records console errors and uncaught exceptions, so a test can insist on none. */
export class WebSession {
  readonly consoleErrors: string[] = [];
  /** console errors a test provoked on purpose (e.g. a refused request), matched and not reported */
  private readonly expected: RegExp[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly baseUrl: string,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error')
        this.consoleErrors.push(`${message.text()} @ ${message.location().url}`);
    });
    page.on('pageerror', (error) => this.consoleErrors.push(`uncaught: ${error.message}`));
  }

  static async open(
    browser: Browser,
    api: TestApi,
    viewport = { width: 1440, height: 900 },
    options: { locale?: string; timezoneId?: string } = {},
  ) {
    const context = await browser.newContext({ viewport, baseURL: api.baseUrl, ...options });
    context.setDefaultTimeout(15_000); // fail on the step, well before the test's own timeout
    return new WebSession(context, await context.newPage(), api.baseUrl);
  }

  /** Signs in through the form, as a person would, and waits for the home screen. */
  async signIn(role: DemoRole): Promise<void> {
    const [email, password] = DEMO_LOGINS[role];
    await this.page.goto(`${this.baseUrl}/`);
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByTestId('who').waitFor();
  }

  /** Signs in with the keyboard only: type, Tab, type, Enter. */
  async signInWithKeyboard(role: DemoRole): Promise<void> {
    const [email, password] = DEMO_LOGINS[role];
    await this.page.goto(`${this.baseUrl}/`);
    await this.page.getByLabel('Email').waitFor();
    await this.page.keyboard.type(email); // the email field has focus on arrival
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(password);
    await this.page.keyboard.press('Enter');
    await this.page.getByTestId('who').waitFor();
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}${path}`);
  }

  expectConsoleError(pattern: RegExp): void {
    this.expected.push(pattern);
  }

  /** Console errors nobody asked for. */
  unexpectedConsoleErrors(): string[] {
    return this.consoleErrors.filter((text) => !this.expected.some((pattern) => pattern.test(text)));
  }

  async screenshot(name: string, fullPage = true): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path, fullPage });
    return path;
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

export interface WebHarness {
  api: TestApi;
  browser: Browser;
  /** a new browser context signed in as `role` (or not signed in) */
  open(
    role?: DemoRole,
    viewport?: { width: number; height: number },
    options?: { locale?: string; timezoneId?: string },
  ): Promise<WebSession>;
  close(): Promise<void>;
}

/** The real api on a scratch database, serving a fresh build of the web app, and Chromium. */
export async function startWebHarness(
  executablePath: string,
  env: Record<string, string> = {},
): Promise<WebHarness> {
  const { startTestApi } = await import('./test-api.js');
  const web = await buildWebApp();
  const api = await startTestApi({ ...env, WEB_DIR: web.dir });
  const browser = await launchChromium(executablePath);
  const sessions: WebSession[] = [];
  return {
    api,
    browser,
    async open(role, viewport, options) {
      const session = await WebSession.open(browser, api, viewport, options);
      sessions.push(session);
      if (role) await session.signIn(role);
      return session;
    },
    async close() {
      await Promise.allSettled(sessions.map((session) => session.close()));
      await browser.close();
      await api.close();
      web.remove();
    },
  };
}

/** `expect.poll` with a timeout fit for a browser round trip (the default is one second). */
export function eventually<T>(read: () => T | Promise<T>, timeoutMs = 15_000) {
  return expect.poll(read, { timeout: timeoutMs, interval: 100 });
}
